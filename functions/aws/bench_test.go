package main

import (
	"os"
	"os/exec"
	"slices"
	"testing"
	"time"
)

// BenchmarkColdStart times a cold start of the built bootstrap: from exec
// to the runtime API stand-in receiving the answer to its first invocation
// (a Function URL GET /healthz). Each iteration is a new process and a new
// runtime API. Run: go test -run '^$' -bench ColdStart ./functions/aws/
func BenchmarkColdStart(b *testing.B) {
	bin := bootstrap(b)
	payload := functionURL("GET", "/healthz", "")
	var took []time.Duration
	for i := 0; i < b.N; i++ {
		rt := newFakeRuntime(b)
		rt.queue <- invocation{id: "cold", payload: payload}
		cmd := exec.Command(bin)
		cmd.Env = append(os.Environ(), "AWS_LAMBDA_RUNTIME_API="+rt.Addr(), "IMAGESYNC_LOG_LEVEL=warn",
			"IMAGESYNC_AUTH_MODE=none") // the Function URL (aws_iam) authenticates callers
		start := time.Now()
		if err := cmd.Start(); err != nil {
			b.Fatal(err)
		}
		select {
		case r := <-rt.results:
			took = append(took, time.Since(start))
			if r.kind != "response" {
				b.Fatalf("%s: %s", r.kind, r.body)
			}
		case <-time.After(10 * time.Second):
			b.Fatal("no answer within 10s")
		}
		_ = cmd.Process.Kill()
		_ = cmd.Wait()
		rt.srv.Close()
	}
	report(b, took)
}

// report adds the median and the 90th percentile, in milliseconds.
func report(b *testing.B, took []time.Duration) {
	slices.Sort(took)
	ms := func(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }
	b.ReportMetric(ms(took[len(took)/2]), "p50-ms")
	b.ReportMetric(ms(took[len(took)*9/10]), "p90-ms")
}
