package main

import (
	"context"
	"log/slog"
	"net/http"
	"testing"
	"time"

	"github.com/imagesync/imagesync/core"
	"github.com/imagesync/imagesync/functions/platform/platformtest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The agency keys FunctionGraph sends with each invocation reach that
// invocation's context (where the registry engine's SWR logins take them),
// and neither the headers handed on nor the next invocation, which comes
// without them.
func TestAgencyKeysReachTheInvocationOnly(t *testing.T) {
	n := 0
	rt := platformtest.NewRuntime(t, platformtest.API{
		Next:     "GET /v1/runtime/invocation/request",
		Response: "POST /v1/runtime/invocation/response/{id}",
		Error:    "POST /v1/runtime/invocation/error/{id}",
		Headers: func(h http.Header, id string) {
			h.Set("X-Cff-Request-Id", id)
			if n++; n == 1 {
				h.Set("X-CFF-Access-Key", "AKAGENCY")
				h.Set("X-CFF-Secret-Key", "sk-agency")
				h.Set("X-CFF-Security-Token", "agency-sts")
			}
		},
	})
	type seen struct {
		creds   core.InvocationCredentials
		ok      bool
		headers map[string]string
	}
	got := make(chan seen, 2)
	h := func(ctx context.Context, _ []byte, headers map[string]string) (any, error) {
		c, ok := core.InvocationCredentialsFrom(ctx, core.CloudHuawei)
		got <- seen{c, ok, headers}
		return "ok", nil
	}
	ctx, cancel := context.WithCancel(t.Context())
	done := make(chan error, 1)
	env := map[string]string{"RUNTIME_API_ADDR": rt.Addr()}
	go func() {
		done <- runEvents(ctx, func(k string) string { return env[k] }, h, time.Second, slog.New(slog.DiscardHandler))
	}()
	require.Equal(t, "response", rt.Invoke(t, "fg-1", "{}").Kind)
	first := <-got
	require.True(t, first.ok)
	assert.Equal(t, core.InvocationCredentials{Cloud: core.CloudHuawei, AccessKeyID: "AKAGENCY",
		AccessKeySecret: "sk-agency", SecurityToken: "agency-sts"}, first.creds)
	for k, v := range first.headers {
		assert.NotContains(t, v, "agency", k)
	}
	require.Equal(t, "response", rt.Invoke(t, "fg-2", "{}").Kind)
	assert.False(t, (<-got).ok, "the next invocation has none")
	cancel()
	rt.Close()
	require.NoError(t, <-done)
}
