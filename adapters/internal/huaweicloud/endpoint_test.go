package huaweicloud

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

// The SDK's region tables (services/*/region), for the regions that differ.
func TestEndpointMatchesTheSDKRegionTables(t *testing.T) {
	assert.Equal(t, "https://swr-api.cn-north-4.myhuaweicloud.com", Endpoint("swr-api", "cn-north-4"))
	assert.Equal(t, "https://hss.ap-southeast-1.myhuaweicloud.com", Endpoint("hss", "ap-southeast-1"))
	assert.Equal(t, "https://swr-api.eu-west-101.myhuaweicloud.eu", Endpoint("swr-api", "eu-west-101"))
	assert.Equal(t, "https://hss.eu-west-101.myhuaweicloud.eu", Endpoint("hss", "eu-west-101"))
}

func TestEndpointForProjectForCheckURL(t *testing.T) {
	assert.Equal(t, "http://127.0.0.1:1", EndpointFor("swr-api", "cn-north-4", "", "http://127.0.0.1:1/"))
	assert.Equal(t, "https://swr-api.cn-north-4.myhuaweicloud.com", EndpointFor("swr-api", "cn-north-4", ""))
	assert.Equal(t, "p4", ProjectFor(map[string]string{"cn-north-4": "p4"}, "cn-north-4", "p"))
	assert.Equal(t, "p", ProjectFor(nil, "cn-north-4", "p"))
	assert.NoError(t, CheckURL("swr", "endpoint", ""))
	assert.EqualError(t, CheckURL("hss", "endpoint", "ftp://x"), `hss config: endpoint must be an http(s) URL, got "ftp://x"`)
}
