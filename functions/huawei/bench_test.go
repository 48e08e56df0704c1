package main

import (
	"net"
	"net/http"
	"os"
	"os/exec"
	"slices"
	"testing"
	"time"
)

// BenchmarkColdStart times a cold start of the built HTTP function: from
// exec to the first answered GET /healthz, connecting every 200 µs until
// the port is open. Run: go test -run '^$' -bench ColdStart ./functions/huawei/
func BenchmarkColdStart(b *testing.B) {
	bin := binary(b)
	client := &http.Client{Transport: &http.Transport{DisableKeepAlives: true}}
	var took []time.Duration
	for i := 0; i < b.N; i++ {
		ln, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			b.Fatal(err)
		}
		_, port, _ := net.SplitHostPort(ln.Addr().String())
		ln.Close()
		cmd := exec.Command(bin, "serve")
		cmd.Env = append(os.Environ(), "HOST=127.0.0.1", "PORT="+port, "IMAGESYNC_LOG_LEVEL=warn", "IMAGESYNC_AUTH_MODE=none")
		start := time.Now()
		if err := cmd.Start(); err != nil {
			b.Fatal(err)
		}
		for {
			res, err := client.Get("http://127.0.0.1:" + port + "/healthz")
			if err == nil {
				res.Body.Close()
				took = append(took, time.Since(start))
				break
			}
			if time.Since(start) > 10*time.Second {
				b.Fatal("no answer within 10s")
			}
			time.Sleep(200 * time.Microsecond)
		}
		_ = cmd.Process.Kill()
		_ = cmd.Wait()
	}
	slices.Sort(took)
	ms := func(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }
	b.ReportMetric(ms(took[len(took)/2]), "p50-ms")
	b.ReportMetric(ms(took[len(took)*9/10]), "p90-ms")
}
