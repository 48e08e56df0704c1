package apigwtest

import "net/http"

// Failure makes the next Times calls of Op (every op when empty) answer
// Status with Body, and with a Retry-After header when RetryAfter is set.
// Without a Body, 5xx answers carry the service's JSON array (which the SDK
// cannot parse) and others an {"error_code","error_msg"} object.
type Failure struct {
	Op         string
	Status     int
	Times      int
	Body       string
	RetryAfter string // Retry-After header value, if any
}

// Failures is a queue of injected answers. The emulator's lock guards it.
type Failures struct {
	// Body5xx is the body of a 5xx Failure without one.
	Body5xx string
	// Code is the error_code of any other Failure without a body.
	Code func(status int) string

	list []*Failure
}

// Add queues f; Times 0 means once.
func (q *Failures) Add(f Failure) {
	if f.Times == 0 {
		f.Times = 1
	}
	q.list = append(q.list, &f)
}

// Answer answers with the first queued failure for op, if any.
func (q *Failures) Answer(w http.ResponseWriter, a *Writer, op string) (int, bool) {
	for i, f := range q.list {
		if f.Op != "" && f.Op != op {
			continue
		}
		if f.Times--; f.Times <= 0 {
			q.list = append(q.list[:i], q.list[i+1:]...)
		}
		if f.RetryAfter != "" {
			w.Header().Set("Retry-After", f.RetryAfter)
		}
		switch {
		case f.Body != "":
			return a.Raw(w, f.Status, f.Body), true
		case f.Status >= 500:
			return a.Raw(w, f.Status, q.Body5xx), true
		}
		return a.Err(w, f.Status, q.Code(f.Status), "injected "+http.StatusText(f.Status)), true
	}
	return 0, false
}
