package main

import (
	"bufio"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/imagesync/imagesync/adapters/registry/registrytest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestHTTPFunctionEdge: the FunctionGraph HTTP function's server bounds
// its connections as imagesync serve does: a body that stalls is cut at
// server.bodyTimeout (408, connection closed), and an idle keep-alive
// connection is closed at server.idleTimeout.
func TestHTTPFunctionEdge(t *testing.T) {
	config := filepath.Join(t.TempDir(), "imagesync.yaml")
	require.NoError(t, os.WriteFile(config, []byte("server: {bodyTimeout: 1s, idleTimeout: 1s}\n"), 0o600))
	addr := registrytest.FreeAddr(t)
	host, port, _ := strings.Cut(addr, ":")
	start(t, []string{"serve"}, "HOST="+host, "PORT="+port, "IMAGESYNC_CONFIG="+config)
	registrytest.WaitHTTP(t, "http://"+addr+"/healthz")

	c, err := net.Dial("tcp", addr)
	require.NoError(t, err)
	defer c.Close()
	_, err = fmt.Fprintf(c, "POST /v1/syncs HTTP/1.1\r\nHost: %s\r\nContent-Length: 100\r\n\r\n{\"sou", addr)
	require.NoError(t, err)
	require.NoError(t, c.SetReadDeadline(time.Now().Add(60*time.Second)))
	r := bufio.NewReader(c)
	res, err := http.ReadResponse(r, nil)
	require.NoError(t, err, "the stalled body was never cut")
	_, _ = io.Copy(io.Discard, res.Body)
	res.Body.Close()
	assert.Equal(t, http.StatusRequestTimeout, res.StatusCode)
	_, err = r.ReadByte()
	assert.ErrorIs(t, err, io.EOF, "closed after the answer")

	idle, err := net.Dial("tcp", addr)
	require.NoError(t, err)
	defer idle.Close()
	_, err = fmt.Fprintf(idle, "GET /healthz HTTP/1.1\r\nHost: %s\r\n\r\n", addr)
	require.NoError(t, err)
	require.NoError(t, idle.SetReadDeadline(time.Now().Add(60*time.Second)))
	r = bufio.NewReader(idle)
	res, err = http.ReadResponse(r, nil)
	require.NoError(t, err)
	_, _ = io.Copy(io.Discard, res.Body)
	res.Body.Close()
	_, err = r.ReadByte()
	assert.ErrorIs(t, err, io.EOF, "the idle connection was kept")
}
