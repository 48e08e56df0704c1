package huaweicloud

import (
	"context"
	"errors"
	"fmt"
	"github.com/imagesync/imagesync/adapters/huawei"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/imagesync/imagesync/core"
)

func env(m map[string]string) func(string) string { return func(k string) string { return m[k] } }

func TestCredentialsFromEnvAndRedaction(t *testing.T) {
	c := huawei.CredentialsFromEnv(env(map[string]string{"HUAWEICLOUD_SDK_AK": "AKIDLONG", "HUAWEICLOUD_SDK_SK": "secret-key",
		"HUAWEICLOUD_SDK_SECURITY_TOKEN": "token-value"}))
	require.True(t, c.Valid())
	s := fmt.Sprintf("%v %+v %#v %s", c, c, c, c)
	assert.Contains(t, s, "AKID****")
	assert.NotContains(t, s, "secret-key")
	assert.NotContains(t, s, "token-value")
	assert.Equal(t, "echo [redacted] [redacted]", c.Redact("echo secret-key token-value"))
	seed := huawei.CredentialsFromEnv(env(map[string]string{"CLOUD_SDK_AK": "a", "CLOUD_SDK_SK": "b", "HUAWEICLOUD_SDK_AK": "x"}))
	assert.Equal(t, "a", seed.AK)
}

func TestNewClientNeedsCredentials(t *testing.T) {
	s := huawei.DefaultSettings()
	s.Getenv = env(nil)
	_, err := NewClient(Service{Name: "x"}, s, time.Second, 1)
	require.ErrorIs(t, err, core.ErrInvalid)
	assert.Contains(t, err.Error(), "x: no credentials")
	s.Creds, s.CredsSet = Credentials{AK: "a", SK: "b"}, true
	c, err := NewClient(Service{Name: "x"}, s, time.Second, 3)
	require.NoError(t, err)
	assert.NotNil(t, c.transport)
	assert.Equal(t, 3, c.backoff.Attempts)
}

func TestWrapMapsStatusesAndRedacts(t *testing.T) {
	c := &Client{svc: Service{Name: "svc", NotFound: "the thing was not found"}, creds: Credentials{AK: "a", SK: "sk-secret"}}
	err := c.wrap(c.creds, "Op", &apiError{Status: 404, Code: "C.404", Message: "echo sk-secret", RequestID: "r1"})
	require.ErrorIs(t, err, core.ErrNotFound)
	var pe *core.ProviderError
	require.ErrorAs(t, err, &pe)
	assert.Equal(t, "svc", pe.Provider)
	assert.Equal(t, "Op: the thing was not found: echo [redacted]", pe.Message)
	for status, kind := range map[int]error{400: core.ErrInvalid, 401: core.ErrUnauthorized, 403: core.ErrForbidden,
		409: core.ErrConflict, 429: core.ErrThrottled, 503: core.ErrUnavailable} {
		assert.ErrorIs(t, c.wrap(c.creds, "Op", &apiError{Status: status}), kind, status)
	}
	err = c.wrap(c.creds, "Op", context.Canceled)
	require.ErrorIs(t, err, core.ErrUnavailable)
	assert.Contains(t, err.Error(), "svc: Op: gave up")
}

// Huawei's engines wait out a Retry-After up to the one policy's max wait,
// as every engine does (was: any Retry-After, however long).
func TestRetryAfterOverTheMaxWaitFailsAtOnce(t *testing.T) {
	s := huawei.DefaultSettings()
	s.Creds, s.CredsSet = Credentials{AK: "a", SK: "b"}, true
	c, err := NewClient(Service{Name: "x"}, s, time.Second, 3)
	require.NoError(t, err)
	calls := 0
	err = c.Retry(context.Background(), "op", func() error {
		calls++
		return &core.ProviderError{Provider: "x", Kind: core.ErrThrottled, RetryAfter: 3 * time.Minute}
	})
	require.ErrorIs(t, err, core.ErrThrottled)
	assert.Equal(t, 1, calls)
}

func TestRetryStopsOnPermanentErrors(t *testing.T) {
	s := huawei.DefaultSettings()
	s.Creds, s.CredsSet, s.Backoff = Credentials{AK: "a", SK: "b"}, true, Backoff{Base: time.Millisecond, Max: time.Millisecond}
	c, err := NewClient(Service{Name: "x"}, s, time.Second, 3)
	require.NoError(t, err)
	calls := 0
	err = c.Retry(context.Background(), "op", func() error { calls++; return core.Errorf(core.ErrUnavailable, "down") })
	require.ErrorIs(t, err, core.ErrUnavailable)
	assert.Equal(t, 3, calls)
	calls = 0
	err = c.Retry(context.Background(), "op", func() error { calls++; return core.Errorf(core.ErrInvalid, "bad") })
	assert.True(t, errors.Is(err, core.ErrInvalid))
	assert.Equal(t, 1, calls)
}
