package main

import (
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
	"time"
)

// fakeRuntime is a stand-in of FC's runtime API, the one fc.Start polls
// (FC_RUNTIME_API, /2020-11-11/runtime/invocation/...): it hands out the
// invocations queued with Invoke, with the per-invocation STS credentials
// in headers as FC sends them, and collects their results.
type fakeRuntime struct {
	srv     *httptest.Server
	queue   chan invocation
	results chan result
	creds   [3]string // access key id, secret, security token
}

type invocation struct{ id, payload string }

type result struct {
	id, kind string // response or error
	body     []byte
}

func newFakeRuntime(t testing.TB, id, secret, token string) *fakeRuntime {
	f := &fakeRuntime{queue: make(chan invocation, 16), results: make(chan result, 16), creds: [3]string{id, secret, token}}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /2020-11-11/runtime/invocation/next", f.next)
	mux.HandleFunc("POST /2020-11-11/runtime/invocation/{id}/response", f.collect("response"))
	mux.HandleFunc("POST /2020-11-11/runtime/invocation/{id}/error", f.collect("error"))
	f.srv = httptest.NewServer(mux)
	t.Cleanup(f.srv.Close)
	return f
}

// Addr is the value of FC_RUNTIME_API.
func (f *fakeRuntime) Addr() string { return strings.TrimPrefix(f.srv.URL, "http://") }

func (f *fakeRuntime) next(w http.ResponseWriter, r *http.Request) {
	select {
	case inv := <-f.queue:
		h := w.Header()
		h.Set("x-fc-request-id", inv.id)
		h.Set("x-fc-function-deadline", strconv.FormatInt(time.Now().Add(time.Minute).UnixMilli(), 10))
		h.Set("x-fc-function-timeout", "60")
		h.Set("x-fc-function-name", "imagesync")
		h.Set("x-fc-region", "cn-hangzhou")
		h.Set("x-fc-account-id", "1234567890981234")
		h.Set("x-fc-access-key-id", f.creds[0])
		h.Set("x-fc-access-key-secret", f.creds[1])
		h.Set("x-fc-security-token", f.creds[2])
		_, _ = io.WriteString(w, inv.payload)
	case <-r.Context().Done():
	}
}

func (f *fakeRuntime) collect(kind string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		f.results <- result{id: r.PathValue("id"), kind: kind, body: b}
		w.WriteHeader(http.StatusOK)
	}
}

// Invoke queues payload and waits up to 30 s for its result.
func (f *fakeRuntime) Invoke(t testing.TB, id, payload string) result {
	t.Helper()
	f.queue <- invocation{id: id, payload: payload}
	select {
	case r := <-f.results:
		if r.id != id {
			t.Fatalf("result for %q, want %q", r.id, id)
		}
		return r
	case <-time.After(30 * time.Second):
		t.Fatalf("no result for invocation %s within 30s", id)
	}
	return result{}
}
