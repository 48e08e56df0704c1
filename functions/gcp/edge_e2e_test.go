package gcp_test

import (
	"bufio"
	"crypto/sha256"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/imagesync/imagesync/adapters/registry/registrytest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestFrameworkServerEdge runs the Functions Framework's own server (the
// one Cloud Functions starts, here through cmd/imagesync-gcp), which sets
// no timeouts of its own: the API handler still refuses a caller without
// credentials before reading its body (401 at once), and cuts an
// authenticated body that stalls at server.bodyTimeout (408).
func TestFrameworkServerEdge(t *testing.T) {
	const token = "gcp-edge-token-0123456789abcdef"
	dir := t.TempDir()
	bin := filepath.Join(dir, "imagesync-gcp")
	out, err := exec.Command("go", "build", "-o", bin, "./cmd/imagesync-gcp").CombinedOutput()
	require.NoError(t, err, string(out))
	config := filepath.Join(dir, "imagesync.yaml")
	require.NoError(t, os.WriteFile(config, []byte(fmt.Sprintf("auth:\n  tokens: [{name: ci, sha256: %x}]\nserver: {bodyTimeout: 1s}\n",
		sha256.Sum256([]byte(token)))), 0o600))
	addr := registrytest.FreeAddr(t)
	host, port, _ := strings.Cut(addr, ":")
	cmd := exec.Command(bin)
	cmd.Env = append(os.Environ(), "HOST="+host, "PORT="+port, "FUNCTION_TARGET=imagesync", "IMAGESYNC_CONFIG="+config)
	cmd.Stderr = os.Stderr
	require.NoError(t, cmd.Start())
	t.Cleanup(func() { _ = cmd.Process.Kill(); _ = cmd.Wait() })
	registrytest.WaitHTTP(t, "http://"+addr+"/healthz")

	for _, c := range []struct {
		header string
		status int
	}{{"", http.StatusUnauthorized}, {"Authorization: Bearer " + token + "\r\n", http.StatusRequestTimeout}} {
		conn, err := net.Dial("tcp", addr)
		require.NoError(t, err)
		defer conn.Close()
		_, err = fmt.Fprintf(conn, "POST /v1/syncs HTTP/1.1\r\nHost: %s\r\n%sContent-Length: 100\r\n\r\n{\"sou", addr, c.header)
		require.NoError(t, err)
		require.NoError(t, conn.SetReadDeadline(time.Now().Add(60*time.Second)))
		r := bufio.NewReader(conn)
		res, err := http.ReadResponse(r, nil)
		require.NoError(t, err, "no answer")
		_, _ = io.Copy(io.Discard, res.Body)
		res.Body.Close()
		assert.Equal(t, c.status, res.StatusCode)
		_, err = r.ReadByte()
		assert.ErrorIs(t, err, io.EOF, "closed after the answer")
	}
}
