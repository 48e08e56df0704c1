package platform

import (
	"context"
	"errors"
	"log/slog"
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestAnswerKeepsCookiesApartOnlyWhenAsked(t *testing.T) {
	w := NewResponse()
	w.Header().Add("Set-Cookie", "a=1")
	w.Header().Add("Set-Cookie", "b=2")
	w.Header().Add("X-Multi", "x")
	w.Header().Add("X-Multi", "y")
	w.WriteHeader(http.StatusTeapot)
	w.WriteHeader(http.StatusOK)
	_, _ = w.Write([]byte{0xff})

	a := w.Answer(true)
	assert.Equal(t, http.StatusTeapot, a.StatusCode, "the first status wins")
	assert.Equal(t, []string{"a=1", "b=2"}, a.Cookies)
	assert.Equal(t, map[string]string{"X-Multi": "x,y"}, a.Headers)
	assert.Equal(t, "/w==", a.Body)
	assert.True(t, a.IsBase64Encoded)

	a = w.Answer(false)
	assert.Nil(t, a.Cookies)
	assert.Equal(t, "a=1,b=2", a.Headers["Set-Cookie"])
	assert.Equal(t, http.StatusOK, NewResponse().Answer(true).StatusCode, "no status is a 200")
}

func TestDispatch(t *testing.T) {
	var events [][]byte
	fail := error(nil)
	d := &Dispatch{
		HTTP: func(_ context.Context, payload []byte) any { return "http" },
		Events: func(_ context.Context, body []byte, _ map[string]string) (any, error) {
			events = append(events, body)
			return "event", fail
		},
		Log: slog.New(slog.DiscardHandler), RequestID: func(context.Context) string { return "id" }, Retry: "retry",
	}
	out, err := d.Invoke(t.Context(), []byte(`{"rawPath":"/","requestContext":{"http":{"method":"GET"}}}`))
	require.NoError(t, err)
	assert.Equal(t, "http", out)
	assert.Empty(t, events)

	for _, p := range []string{`{"rawPath":"/"}`, `{"requestContext":{"http":{"method":"GET"}}}`, `not json`} {
		out, err = d.Invoke(t.Context(), []byte(p))
		require.NoError(t, err)
		assert.Equal(t, "event", out, p)
	}
	fail = errors.New("throttled")
	_, err = d.Invoke(t.Context(), []byte(`{}`))
	assert.ErrorIs(t, err, fail)
}

func TestServeAnswersBadEventsWith400(t *testing.T) {
	a := ServeEvent(t.Context(), http.NotFoundHandler(), []byte(`[`), "HTTP event",
		func(context.Context, *struct{}) *Request { return &Request{} }, true)
	assert.Equal(t, http.StatusBadRequest, a.StatusCode)
	assert.Contains(t, a.Body, "malformed HTTP event")

	a = Serve(t.Context(), http.NotFoundHandler(), &Request{Method: "GET", RawPath: "/x", Body: "%", Base64: true}, true)
	assert.Equal(t, http.StatusBadRequest, a.StatusCode)
	assert.Contains(t, a.Body, "isBase64Encoded")
}
