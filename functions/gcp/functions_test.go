package gcp

import (
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/imagesync/imagesync/functions/app"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func noenv(string) string { return "" }

// TestAppIsBuiltOnceAndRetriedAfterAFailure: a failed start-up answers 503
// and is tried again on the next request; a good one is kept.
func TestAppIsBuiltOnceAndRetriedAfterAFailure(t *testing.T) {
	builds := 0
	f := New(func() (*app.App, error) {
		builds++
		if builds == 1 {
			return nil, errors.New("config: log.level must be debug, info, warn or error")
		}
		return app.New(noenv, io.Discard)
	})
	get := func() int {
		w := httptest.NewRecorder()
		f.HTTP(w, httptest.NewRequest("GET", "/healthz", nil))
		return w.Code
	}
	assert.Equal(t, http.StatusServiceUnavailable, get())
	assert.Equal(t, http.StatusOK, get())
	assert.Equal(t, http.StatusOK, get())
	require.Equal(t, 2, builds)
}
