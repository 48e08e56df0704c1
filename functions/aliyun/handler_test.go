package main

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"os"
	"path/filepath"
	"testing"

	fcevents "github.com/aliyun/fc-runtime-go-sdk/events"
	"github.com/aliyun/fc-runtime-go-sdk/fc"
	"github.com/aliyun/fc-runtime-go-sdk/fccontext"
	"github.com/imagesync/imagesync/core"
	"github.com/imagesync/imagesync/functions/platform/platformtest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func fcContext() context.Context {
	return fccontext.NewContext(context.Background(), &fccontext.FcContext{RequestID: "fc-req-1",
		Credentials: fccontext.Credentials{AccessKeyId: "STS.id", AccessKeySecret: "secret", SecurityToken: "token"}})
}

// invoke runs payload through the SDK's own handler wrapper, as fc.Start does.
func invoke(h *Handler, payload []byte) ([]byte, error) {
	return fc.NewHandler(h.Invoke).Invoke(fcContext(), payload)
}

var echo = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	w.Header().Add("X-Multi", "x")
	w.Header().Add("X-Multi", "y")
	w.WriteHeader(http.StatusAccepted)
	_ = json.NewEncoder(w).Encode(map[string]string{"method": r.Method, "path": r.URL.Path,
		"parameter2": r.URL.Query().Get("parameter2"), "header2": r.Header.Get("Header2"), "host": r.Host,
		"body": string(body), "requestId": r.Header.Get("X-Request-Id"), "token": r.Header.Get("X-Fc-Security-Token")})
})

func TestHTTPTrigger(t *testing.T) {
	ev := &platformtest.Events{}
	payload := platformtest.Testdata(t, "http-trigger.json")
	var e map[string]any
	require.NoError(t, json.Unmarshal(payload, &e))
	e["headers"].(map[string]any)["x-fc-security-token"] = "must-not-pass"
	payload, _ = json.Marshal(e)

	out, err := invoke(newHandler(echo, ev.Func, slog.New(slog.DiscardHandler)), payload)
	require.NoError(t, err)
	var res fcevents.HTTPTriggerResponse
	require.NoError(t, json.Unmarshal(out, &res))
	assert.Equal(t, http.StatusAccepted, res.StatusCode)
	assert.Equal(t, "x,y", res.Headers["X-Multi"])
	var got map[string]string
	require.NoError(t, json.Unmarshal([]byte(res.Body), &got), res.Body)
	assert.Equal(t, map[string]string{"method": "GET", "path": "/example", "parameter2": "value1,value2",
		"header2": "value1,value2", "host": "<http-trigger-id>.<region-id>.fcapp.run", "body": "Hello FC!",
		"requestId": "fc-req-1", "token": ""}, got)
	assert.Nil(t, ev.Body)
}

func TestOtherEventsGoToEvents(t *testing.T) {
	for _, file := range []string{"timer.json", "eventbridge-acr-push.json"} {
		t.Run(file, func(t *testing.T) {
			ev := &platformtest.Events{}
			out, err := invoke(newHandler(echo, ev.Func, slog.New(slog.DiscardHandler)), platformtest.Testdata(t, file))
			require.NoError(t, err)
			assert.JSONEq(t, `{"outcome":"ok"}`, string(out))
			assert.JSONEq(t, string(platformtest.Testdata(t, file)), string(ev.Body))
		})
	}
	ev := &platformtest.Events{Err: errors.New("throttled")}
	_, err := invoke(newHandler(echo, ev.Func, slog.New(slog.DiscardHandler)), platformtest.Testdata(t, "timer.json"))
	require.ErrorContains(t, err, "throttled")
}

// TestNewAppTakesTheACRSection: the config's acr section configures the
// engine that signs with the invocation's credentials; FC_REGION fills in.
func TestNewAppTakesTheACRSection(t *testing.T) {
	path := filepath.Join(t.TempDir(), "imagesync.yaml")
	require.NoError(t, os.WriteFile(path, []byte("acr:\n  instance: cri-hpdfkc6utbaq\n"), 0o600))
	env := map[string]string{"IMAGESYNC_CONFIG": path, "FC_REGION": "cn-beijing", "IMAGESYNC_AUTH_MODE": "none"}
	a, err := newApp(func(k string) string { return env[k] }, io.Discard)
	require.NoError(t, err)
	assert.Contains(t, a.Service.Engines(), "acr")

	require.NoError(t, os.WriteFile(path, []byte("acr:\n  instance: not-an-instance\n"), 0o600))
	_, err = newApp(func(k string) string { return env[k] }, io.Discard)
	require.ErrorContains(t, err, "instance")
}

// FC's STS credentials of the invocation reach its context as core's
// invocation credentials (where the registry engine's ACR EE logins take
// them), for HTTP triggers and events alike; none outside an invocation.
func TestSTSCredentialsReachTheInvocation(t *testing.T) {
	want := core.InvocationCredentials{Cloud: core.CloudAlibaba, AccessKeyID: "STS.id", AccessKeySecret: "secret", SecurityToken: "token"}
	var got []core.InvocationCredentials
	record := func(ctx context.Context) {
		c, _ := core.InvocationCredentialsFrom(ctx, core.CloudAlibaba)
		got = append(got, c)
	}
	httpH := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { record(r.Context()) })
	events := func(ctx context.Context, _ []byte, _ map[string]string) (any, error) { record(ctx); return "ok", nil }
	h := newHandler(httpH, events, slog.New(slog.DiscardHandler))
	_, err := invoke(h, platformtest.Testdata(t, "http-trigger.json"))
	require.NoError(t, err)
	_, err = invoke(h, platformtest.Testdata(t, "timer.json"))
	require.NoError(t, err)
	_, err = h.Invoke(context.Background(), platformtest.Testdata(t, "timer.json"))
	require.NoError(t, err)
	assert.Equal(t, []core.InvocationCredentials{want, want, {}}, got)
}
