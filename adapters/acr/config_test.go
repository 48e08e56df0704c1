package acr

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/imagesync/imagesync/adapters/internal/retry"
	"github.com/imagesync/imagesync/core"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func jsonUnmarshal(s string, v any) error { return json.Unmarshal([]byte(s), v) }

func TestParseEndpoint(t *testing.T) {
	tests := []struct {
		in, scheme, host string
		ok               bool
	}{
		{"", "HTTPS", "cr.{region}.aliyuncs.com", true},
		{"cr-vpc.{region}.aliyuncs.com", "HTTPS", "cr-vpc.{region}.aliyuncs.com", true},
		{"http://127.0.0.1:8080", "HTTP", "127.0.0.1:8080", true},
		{"https://cr.cn-hangzhou.aliyuncs.com/", "HTTPS", "cr.cn-hangzhou.aliyuncs.com", true},
		{"ftp://host", "", "", false},
		{"http://host/path", "", "", false},
		{"http://host?x=1", "", "", false},
		{"http://user:pw@host", "", "", false},
	}
	for _, tt := range tests {
		ep, reason := parseEndpoint(tt.in)
		assert.Equal(t, tt.ok, reason == "", tt.in)
		if tt.ok {
			assert.Equal(t, endpoint{scheme: tt.scheme, host: tt.host}, ep, tt.in)
		}
	}
	assert.Equal(t, "cr.cn-beijing.aliyuncs.com", endpoint{host: "cr.{region}.aliyuncs.com"}.hostFor("cn-beijing"))
}

func TestConfigDefaultsAndValidation(t *testing.T) {
	t.Setenv(EndpointEnv, "")
	cfg, ep, err := Config{}.withDefaults()
	require.NoError(t, err)
	assert.Equal(t, Config{ConnectTimeout: 5 * time.Second, ReadTimeout: 10 * time.Second, MaxAttempts: 4,
		RetryBase: 200 * time.Millisecond, RetryMax: 5 * time.Second}, cfg)
	assert.Equal(t, "HTTPS", ep.scheme)

	t.Setenv(EndpointEnv, "http://127.0.0.1:9")
	_, ep, err = Config{}.withDefaults()
	require.NoError(t, err)
	assert.Equal(t, endpoint{scheme: "HTTP", host: "127.0.0.1:9"}, ep)

	_, err = New(Config{Region: "Beijing", Instance: "x", Endpoint: "ftp://x", MaxAttempts: 11, ReadTimeout: -1,
		RetryBase: time.Second, RetryMax: time.Millisecond})
	var v *core.ValidationError
	require.ErrorAs(t, err, &v)
	var fields []string
	for _, f := range v.Fields {
		fields = append(fields, f.Field)
	}
	assert.ElementsMatch(t, []string{"acr.region", "acr.instance", "acr.endpoint", "acr.maxAttempts",
		"acr.readTimeout", "acr.retryMax"}, fields)
}

func TestPolicyIsConfigs(t *testing.T) {
	e := &Engine{cfg: Config{MaxAttempts: 3, RetryBase: 100 * time.Millisecond, RetryMax: time.Second}}
	assert.Equal(t, retry.Policy{Attempts: 3, Base: 100 * time.Millisecond, Max: time.Second, MaxWait: retry.DefaultMaxWait}, e.policy())
}
