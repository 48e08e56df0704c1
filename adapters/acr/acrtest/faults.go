package acrtest

import "strings"

// Fault is an injected failure: the next Times calls of Action ("" for any
// action) fail with Code. Status 0 picks the status the service uses for
// that code (NoPrivilege 403, Throttling* 400, SystemError 500,
// ServiceUnavailable 503, else 400); status 200 makes it a business failure
// answered with IsSuccess false. Times < 0 fails every call.
type Fault struct {
	Action     string
	Code       string
	Message    string
	Status     int
	Times      int
	RetryAfter int // seconds, sent as a Retry-After header when > 0
}

// Fail injects a fault. Faults are consumed in the order they were added.
func (s *Server) Fail(f Fault) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if f.Times == 0 {
		f.Times = 1
	}
	s.faults = append(s.faults, &f)
}

// ClearFaults removes every injected fault.
func (s *Server) ClearFaults() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.faults = nil
}

// fault consumes the first fault matching action. Callers hold mu.
func (s *Server) fault(action string) *Fault {
	for i, f := range s.faults {
		if f.Action != "" && f.Action != action {
			continue
		}
		if f.Times > 0 {
			f.Times--
			if f.Times == 0 {
				s.faults = append(s.faults[:i], s.faults[i+1:]...)
			}
		}
		return f
	}
	return nil
}

func (f *Fault) apiError() *apiError {
	status, msg := f.Status, f.Message
	if status == 0 {
		switch {
		case f.Code == "NoPrivilege":
			status = 403
		case strings.HasPrefix(f.Code, "Throttling"):
			status = 400
		case f.Code == "SystemError":
			status = 500
		case f.Code == "ServiceUnavailable":
			status = 503
		default:
			status = 400
		}
	}
	if msg == "" {
		msg = "injected " + f.Code
	}
	return &apiError{status: status, code: f.Code, msg: msg}
}
