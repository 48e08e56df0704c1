package main

import (
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

// fakeRuntime is a stand-in of FunctionGraph's custom runtime API
// (https://support.huaweicloud.com/intl/en-us/devg-functiongraph/functiongraph_01_0406.html):
// it hands out the invocations queued with Invoke and collects results.
type fakeRuntime struct {
	srv     *httptest.Server
	queue   chan invocation
	results chan result
}

type invocation struct{ id, payload string }

type result struct {
	id, kind string // response or error
	body     []byte
}

func newFakeRuntime(t testing.TB) *fakeRuntime {
	f := &fakeRuntime{queue: make(chan invocation, 16), results: make(chan result, 16)}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /v1/runtime/invocation/request", f.next)
	mux.HandleFunc("POST /v1/runtime/invocation/response/{id}", f.collect("response"))
	mux.HandleFunc("POST /v1/runtime/invocation/error/{id}", f.collect("error"))
	f.srv = httptest.NewServer(mux)
	t.Cleanup(f.srv.Close)
	return f
}

// Addr is the value of RUNTIME_API_ADDR.
func (f *fakeRuntime) Addr() string { return strings.TrimPrefix(f.srv.URL, "http://") }

func (f *fakeRuntime) next(w http.ResponseWriter, r *http.Request) {
	select {
	case inv := <-f.queue:
		w.Header().Set("X-Cff-Request-Id", inv.id)
		w.Header().Set("X-Cff-Invoke-Type", "async")
		w.Header().Set("X-CFF-Access-Key", "AK-not-to-be-logged")
		w.Header().Set("X-CFF-Secret-Key", "SK-not-to-be-logged")
		_, _ = io.WriteString(w, inv.payload)
	case <-r.Context().Done():
	}
}

func (f *fakeRuntime) collect(kind string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		f.results <- result{id: r.PathValue("id"), kind: kind, body: b}
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
