package creds

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestECREndpoint(t *testing.T) {
	none := func(string) string { return "" }
	for host, want := range map[string]string{
		"123456789012.dkr.ecr.eu-west-1.amazonaws.com":      "https://api.ecr.eu-west-1.amazonaws.com",
		"123456789012.dkr.ecr-fips.us-east-1.amazonaws.com": "https://ecr-fips.us-east-1.amazonaws.com",
		"123456789012.dkr.ecr.cn-north-1.amazonaws.com.cn":  "https://api.ecr.cn-north-1.amazonaws.com.cn",
	} {
		assert.Equal(t, want, ecrEndpoint(none, host), host)
	}
	env := map[string]string{"AWS_ENDPOINT_URL": "http://all", "AWS_ENDPOINT_URL_ECR": "http://ecr"}
	assert.Equal(t, "http://ecr", ecrEndpoint(func(k string) string { return env[k] }, "123456789012.dkr.ecr.eu-west-1.amazonaws.com"))
	delete(env, "AWS_ENDPOINT_URL_ECR")
	assert.Equal(t, "http://all", ecrEndpoint(func(k string) string { return env[k] }, "123456789012.dkr.ecr.eu-west-1.amazonaws.com"))
}
