package swrtest

import (
	"strconv"

	"github.com/imagesync/imagesync/adapters/internal/huaweicloud/apigwtest"
)

// Failure makes the next Times calls of Op (every op when empty) answer
// Status with Body. Without a Body, 5xx answers carry the JSON array SWR
// sometimes sends, which the SDK cannot parse, and others an
// {"error_code","error_msg"} object.
type Failure = apigwtest.Failure

func newFailures() apigwtest.Failures {
	return apigwtest.Failures{
		Body5xx: `[{"error_code":"SVCSTG.SWR.5000001","error_msg":"Internal error"}]`,
		Code:    func(status int) string { return "SVCSTG.SWR." + strconv.Itoa(status) + "0001" },
	}
}

// Fail queues a failure.
func (s *Server) Fail(f Failure) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.failures.Add(f)
}
