package swrtest

import (
	"net/http"
	"strconv"
)

// Failure makes the next Times calls of Op (every op when empty) answer
// Status with Body. Without a Body, 5xx answers carry the JSON array SWR
// sometimes sends, which the SDK cannot parse, and others an
// {"error_code","error_msg"} object.
type Failure struct {
	Op         string
	Status     int
	Times      int
	Body       string
	RetryAfter string // Retry-After header value, if any
}

// Fail queues a failure.
func (s *Server) Fail(f Failure) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if f.Times == 0 {
		f.Times = 1
	}
	s.failures = append(s.failures, &f)
}

// injected answers with a queued failure for op, if any; s.mu is held.
func (s *Server) injected(w http.ResponseWriter, op string) (int, bool) {
	for i, f := range s.failures {
		if f.Op != "" && f.Op != op {
			continue
		}
		if f.Times--; f.Times <= 0 {
			s.failures = append(s.failures[:i], s.failures[i+1:]...)
		}
		if f.RetryAfter != "" {
			w.Header().Set("Retry-After", f.RetryAfter)
		}
		body := f.Body
		if body == "" && f.Status >= 500 {
			body = `[{"error_code":"SVCSTG.SWR.5000001","error_msg":"Internal error"}]`
		} else if body == "" {
			body = `{"error_code":"SVCSTG.SWR.` + strconv.Itoa(f.Status) + `0001","error_msg":"injected ` + http.StatusText(f.Status) + `"}`
		}
		writeRaw(w, f.Status, body)
		return f.Status, true
	}
	return 0, false
}
