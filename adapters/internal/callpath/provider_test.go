package callpath_test

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/imagesync/imagesync/adapters/internal/callpath"
	"github.com/imagesync/imagesync/core"
)

// A request the SDK sends without a context is aborted when the caller's
// context ends; the request's own context (the SDK's timeout) still counts.
func TestBindContext(t *testing.T) {
	release := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/hang" {
			select {
			case <-release:
			case <-r.Context().Done():
			}
			return
		}
		_, _ = io.WriteString(w, "ok")
	}))
	defer srv.Close()
	defer close(release)

	ctx, cancel := context.WithCancel(context.Background())
	client := &http.Client{Transport: callpath.BindContext(ctx, nil)}
	res, err := client.Get(srv.URL + "/ok")
	require.NoError(t, err)
	body, err := io.ReadAll(res.Body)
	require.NoError(t, err)
	require.NoError(t, res.Body.Close())
	assert.Equal(t, "ok", string(body))

	time.AfterFunc(50*time.Millisecond, cancel)
	_, err = client.Get(srv.URL + "/hang")
	require.ErrorIs(t, err, context.Canceled, "the caller's context ended")

	own, stop := context.WithCancel(context.Background())
	req, _ := http.NewRequestWithContext(own, http.MethodGet, srv.URL+"/hang", nil)
	time.AfterFunc(50*time.Millisecond, stop)
	_, err = (&http.Client{Transport: callpath.BindContext(context.Background(), nil)}).Do(req)
	require.ErrorIs(t, err, context.Canceled, "the request's own context ended")
}

func TestRedact(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"secret se/cr+et here", "secret [redacted] here"},
		{"token to%20ken%2A~ once encoded", "token [redacted] once encoded"},
		{"token to%2520ken%252A~ twice encoded", "token [redacted] twice encoded"},
		{"query to+ken%2A~", "query [redacted]"},
		{"mismatch. server string to sign is:POST&%2F&Sec...", "mismatch. server string to sign withheld"},
		{"abc is too short to be searched for", "abc is too short to be searched for"},
	} {
		assert.Equal(t, c.want, callpath.Redact(c.in, "se/cr+et", "to ken*~", "abc"))
	}
}

func TestTable(t *testing.T) {
	tab := callpath.Table{Default: core.ErrInvalid, Rules: []callpath.Rule{
		{Kind: core.ErrThrottled, Codes: []string{"throttl"}, Status: callpath.Is(429)},
		{Kind: core.ErrUnavailable, Status: func(_ string, s int) bool { return s >= 500 }},
	}}
	assert.Equal(t, core.ErrThrottled, tab.Kind("Throttling.User", 503), "the first rule that matches decides")
	assert.Equal(t, core.ErrThrottled, tab.Kind("", 429))
	assert.Equal(t, core.ErrUnavailable, tab.Kind("", 502))
	assert.Equal(t, core.ErrInvalid, tab.Kind("Whatever", 400))
	assert.Equal(t, 7*time.Second, callpath.RetryAfter(" 7 "))
	assert.Zero(t, callpath.RetryAfter("Wed, 21 Oct 2015 07:28:00 GMT"))
	assert.False(t, errors.Is(tab.Kind("", 200), core.ErrUnavailable))
}
