package hsstest

import (
	"net/http"
	"strconv"

	"github.com/imagesync/imagesync/adapters/internal/huaweicloud/apigwtest"
)

// answers numbers every answer's X-Request-Id hsstest-NNNNNN.
var answers = &apigwtest.Writer{Prefix: "hsstest"}

func writeRaw(w http.ResponseWriter, status int, body string) int {
	return answers.Raw(w, status, body)
}

func writeErr(w http.ResponseWriter, status int, code, msg string) int {
	return answers.Err(w, status, code, msg)
}

// Failure makes the next Times calls answer Status with Body (default: a
// JSON array for 5xx, an {"error_code","error_msg"} object otherwise). HSS
// has one operation, so Op is left empty.
type Failure = apigwtest.Failure

func newFailures() apigwtest.Failures {
	return apigwtest.Failures{
		Body5xx: `[{"error_code":"HSS.5000","error_msg":"Internal error"}]`,
		Code:    func(status int) string { return "HSS." + strconv.Itoa(status) },
	}
}

// Fail queues a failure.
func (s *Server) Fail(f Failure) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.failures.Add(f)
}
