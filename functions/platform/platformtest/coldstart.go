package platformtest

import (
	"fmt"
	"net/http"
	"os/exec"
	"slices"
	"testing"
	"time"
)

// Start is one cold start: Cmd, not started yet, and Ready, which returns
// once the process has answered its first request, or an error after
// timeout. Done, if set, runs after the process is gone.
type Start struct {
	Cmd   *exec.Cmd
	Ready func(timeout time.Duration) error
	Done  func()
}

// ColdStart times b.N cold starts, each made by next: from exec to Ready,
// within 10 s. It reports the median and the 90th percentile in
// milliseconds (p50-ms, p90-ms).
func ColdStart(b *testing.B, next func() Start) {
	var took []time.Duration
	for i := 0; i < b.N; i++ {
		s := next()
		start := time.Now()
		if err := s.Cmd.Start(); err != nil {
			b.Fatal(err)
		}
		err := s.Ready(10 * time.Second)
		took = append(took, time.Since(start))
		if err != nil {
			b.Fatal(err)
		}
		_ = s.Cmd.Process.Kill()
		_ = s.Cmd.Wait()
		if s.Done != nil {
			s.Done()
		}
	}
	slices.Sort(took)
	ms := func(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }
	b.ReportMetric(ms(took[len(took)/2]), "p50-ms")
	b.ReportMetric(ms(took[len(took)*9/10]), "p90-ms")
}

var noKeepAlive = &http.Client{Transport: &http.Transport{DisableKeepAlives: true}}

// HTTPAnswered is a Ready that GETs url every 200 µs until it is answered.
func HTTPAnswered(url string) func(timeout time.Duration) error {
	return func(timeout time.Duration) error {
		deadline := time.Now().Add(timeout)
		for {
			res, err := noKeepAlive.Get(url)
			if err == nil {
				res.Body.Close()
				return nil
			}
			if time.Now().After(deadline) {
				return fmt.Errorf("no answer within %v", timeout)
			}
			time.Sleep(200 * time.Microsecond)
		}
	}
}
