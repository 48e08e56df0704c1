package main

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"testing"

	awsevents "github.com/aws/aws-lambda-go/events"
	"github.com/aws/aws-lambda-go/lambda"
	"github.com/aws/aws-lambda-go/lambdacontext"
	"github.com/imagesync/imagesync/functions/platform/platformtest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// echo answers with what it saw of the request, a cookie and a repeated header.
var echo = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	http.SetCookie(w, &http.Cookie{Name: "a", Value: "1"})
	http.SetCookie(w, &http.Cookie{Name: "b", Value: "2"})
	w.Header().Add("X-Multi", "x")
	w.Header().Add("X-Multi", "y")
	w.WriteHeader(http.StatusTeapot)
	_ = json.NewEncoder(w).Encode(map[string]string{"method": r.Method, "path": r.URL.Path, "query": r.URL.RawQuery,
		"cookie": r.Header.Get("Cookie"), "header2": r.Header.Get("Header2"), "host": r.Host,
		"remote": r.RemoteAddr, "body": string(body), "requestId": r.Header.Get("X-Request-Id")})
})

// invoke runs payload through the SDK's own JSON path, as the runtime does.
func invoke(t *testing.T, h *Handler, payload []byte) ([]byte, error) {
	t.Helper()
	ctx := lambdacontext.NewContext(context.Background(), &lambdacontext.LambdaContext{AwsRequestID: "req-1"})
	return lambda.NewHandler(h.Invoke).Invoke(ctx, payload)
}

func httpResult(t *testing.T, out []byte) (awsevents.LambdaFunctionURLResponse, map[string]string) {
	t.Helper()
	var res awsevents.LambdaFunctionURLResponse
	require.NoError(t, json.Unmarshal(out, &res))
	var got map[string]string
	require.NoError(t, json.Unmarshal([]byte(res.Body), &got), res.Body)
	return res, got
}

func TestHTTPEventsReachTheHandler(t *testing.T) {
	cases := []struct {
		file string
		want map[string]string
	}{
		{"function-url-request.json", map[string]string{"method": "POST", "path": "/my/path",
			"query": "parameter1=value1&parameter1=value2&parameter2=value", "cookie": "cookie1; cookie2",
			"header2": "value1,value2", "host": "<url-id>.lambda-url.us-west-2.on.aws", "remote": "123.123.123.123",
			"body": "Hello from client!", "requestId": "req-1"}},
		{"apigw-v2-request.json", map[string]string{"method": "GET", "path": "/", "query": "",
			"host": "aaaaaaaaaa.execute-api.us-west-2.amazonaws.com", "remote": "1.2.3.4", "requestId": "req-1"}},
	}
	for _, c := range cases {
		t.Run(c.file, func(t *testing.T) {
			ev := &platformtest.Events{}
			out, err := invoke(t, newHandler(echo, ev.Func, slog.New(slog.DiscardHandler)), platformtest.Testdata(t, c.file))
			require.NoError(t, err)
			res, got := httpResult(t, out)
			assert.Equal(t, http.StatusTeapot, res.StatusCode)
			assert.ElementsMatch(t, []string{"a=1", "b=2"}, res.Cookies)
			assert.Equal(t, "x,y", res.Headers["X-Multi"])
			for k, v := range c.want {
				assert.Equal(t, v, got[k], k)
			}
			assert.Nil(t, ev.Body, "an HTTP request is not an event")
		})
	}
}

func TestBase64BodiesAndStages(t *testing.T) {
	binary := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		_, _ = w.Write(append([]byte(r.URL.Path+"|"), append(body, 0xff, 0xfe)...))
	})
	h := newHandler(binary, (&platformtest.Events{}).Func, slog.New(slog.DiscardHandler))
	payload := `{"version":"2.0","rawPath":"/prod/v1/syncs","rawQueryString":"","body":"aGk=","isBase64Encoded":true,
		"requestContext":{"stage":"prod","http":{"method":"POST","path":"/prod/v1/syncs"}}}`
	out, err := invoke(t, h, []byte(payload))
	require.NoError(t, err)
	var res awsevents.LambdaFunctionURLResponse
	require.NoError(t, json.Unmarshal(out, &res))
	assert.True(t, res.IsBase64Encoded)
	assert.Equal(t, "L3YxL3N5bmNzfGhp//4=", res.Body, "path without the stage, then hi, then 0xfffe")

	out, err = invoke(t, h, []byte(`{"rawPath":"/x","body":"%%%","isBase64Encoded":true,"requestContext":{"http":{"method":"POST"}}}`))
	require.NoError(t, err)
	require.NoError(t, json.Unmarshal(out, &res))
	assert.Equal(t, http.StatusBadRequest, res.StatusCode)
}

func TestOtherEventsGoToEvents(t *testing.T) {
	for _, file := range []string{"ecr-image-push.json", "scheduled-event.json"} {
		t.Run(file, func(t *testing.T) {
			ev := &platformtest.Events{}
			out, err := invoke(t, newHandler(echo, ev.Func, slog.New(slog.DiscardHandler)), platformtest.Testdata(t, file))
			require.NoError(t, err)
			assert.JSONEq(t, `{"outcome":"ok"}`, string(out))
			assert.JSONEq(t, string(platformtest.Testdata(t, file)), string(ev.Body), "the body reaches App.Event unchanged")
		})
	}
	ev := &platformtest.Events{Err: errors.New("registry unavailable")}
	_, err := invoke(t, newHandler(echo, ev.Func, slog.New(slog.DiscardHandler)), platformtest.Testdata(t, "scheduled-event.json"))
	require.ErrorContains(t, err, "registry unavailable", "a transient failure makes Lambda retry")
}
