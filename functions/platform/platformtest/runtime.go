package platformtest

import (
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os/exec"
	"strings"
	"testing"
	"time"
)

// API describes a runtime API by its ServeMux patterns.
type API struct {
	Next      string // hands out the next invocation, e.g. "GET /2018-06-01/runtime/invocation/next"
	Response  string // takes the result of invocation {id}
	Error     string // takes the error of invocation {id}
	InitError string // takes a start-up error (no id); "" when there is none
	Status    int    // the answer to a posted result; 0 is 200
	// Headers sets the headers handed out with invocation id.
	Headers func(h http.Header, id string)
}

// Invocation is one queued invocation.
type Invocation struct{ ID, Payload string }

// Result is what the function posted: Kind is "response", "error" or
// "init-error".
type Result struct {
	ID, Kind string
	Body     []byte
}

// Runtime is a running stand-in of an API.
type Runtime struct {
	api     API
	srv     *httptest.Server
	queue   chan Invocation
	results chan Result
}

// NewRuntime serves api on a loopback port until the test ends.
func NewRuntime(t testing.TB, api API) *Runtime {
	f := &Runtime{api: api, queue: make(chan Invocation, 16), results: make(chan Result, 16)}
	mux := http.NewServeMux()
	mux.HandleFunc(api.Next, f.next)
	mux.HandleFunc(api.Response, f.collect("response"))
	mux.HandleFunc(api.Error, f.collect("error"))
	if api.InitError != "" {
		mux.HandleFunc(api.InitError, f.collect("init-error"))
	}
	f.srv = httptest.NewServer(mux)
	t.Cleanup(f.srv.Close)
	return f
}

// Addr is host:port, the value of the runtime API's environment variable.
func (f *Runtime) Addr() string { return strings.TrimPrefix(f.srv.URL, "http://") }

// Close stops the server before the test ends.
func (f *Runtime) Close() { f.srv.Close() }

// Queue queues an invocation without waiting for its result.
func (f *Runtime) Queue(id, payload string) { f.queue <- Invocation{ID: id, Payload: payload} }

func (f *Runtime) next(w http.ResponseWriter, r *http.Request) {
	select {
	case inv := <-f.queue:
		f.api.Headers(w.Header(), inv.ID)
		_, _ = io.WriteString(w, inv.Payload)
	case <-r.Context().Done():
	}
}

func (f *Runtime) collect(kind string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		f.results <- Result{ID: r.PathValue("id"), Kind: kind, Body: b}
		if f.api.Status != 0 {
			w.WriteHeader(f.api.Status)
		}
	}
}

// Invoke queues payload and waits up to 30 s for its result.
func (f *Runtime) Invoke(t testing.TB, id, payload string) Result {
	t.Helper()
	f.Queue(id, payload)
	return f.Wait(t, id)
}

// Wait waits up to 30 s for the result of invocation id, queued before.
func (f *Runtime) Wait(t testing.TB, id string) Result {
	t.Helper()
	select {
	case r := <-f.results:
		if r.ID != id && r.Kind != "init-error" {
			t.Fatalf("result for %q, want %q", r.ID, id)
		}
		return r
	case <-time.After(30 * time.Second):
		t.Fatalf("no result for invocation %s within 30s", id)
	}
	return Result{}
}

// WaitAll waits up to 30 s for the results of the invocations ids, queued
// before, in whatever order they come.
func (f *Runtime) WaitAll(t testing.TB, ids ...string) map[string]Result {
	t.Helper()
	out := map[string]Result{}
	deadline := time.After(30 * time.Second)
	for len(out) < len(ids) {
		select {
		case r := <-f.results:
			out[r.ID] = r
		case <-deadline:
			t.Fatalf("results for %v within 30s, got %v", ids, out)
		}
	}
	return out
}

// Cold is one cold start of cmd, a function polling f: payload is queued
// as its first invocation, Ready is its answer, and f is closed after.
func (f *Runtime) Cold(cmd *exec.Cmd, payload string) Start {
	f.Queue("cold", payload)
	return Start{Cmd: cmd, Ready: f.Answered, Done: f.Close}
}

// Answered waits up to timeout for one result, which must be a response.
func (f *Runtime) Answered(timeout time.Duration) error {
	select {
	case r := <-f.results:
		if r.Kind != "response" {
			return fmt.Errorf("%s: %s", r.Kind, r.Body)
		}
		return nil
	case <-time.After(timeout):
		return fmt.Errorf("no answer within %v", timeout)
	}
}
