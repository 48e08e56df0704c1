package main

import (
	"net"
	"testing"

	"github.com/imagesync/imagesync/adapters/registry/registrytest"
	"github.com/imagesync/imagesync/functions/platform/platformtest"
)

// BenchmarkColdStart times a cold start of the built HTTP function: from
// exec to the first answered GET /healthz, connecting every 200 µs until
// the port is open. Run: go test -run '^$' -bench ColdStart ./functions/huawei/
func BenchmarkColdStart(b *testing.B) {
	bin := binary.Path(b)
	platformtest.ColdStart(b, func() platformtest.Start {
		_, port, _ := net.SplitHostPort(registrytest.FreeAddr(b))
		cmd := platformtest.Command(bin, []string{"serve"},
			"HOST=127.0.0.1", "PORT="+port, "IMAGESYNC_LOG_LEVEL=warn", "IMAGESYNC_AUTH_MODE=none")
		return platformtest.Start{Cmd: cmd, Ready: platformtest.HTTPAnswered("http://127.0.0.1:" + port + "/healthz")}
	})
}
