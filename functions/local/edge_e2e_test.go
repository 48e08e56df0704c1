package main

import (
	"bufio"
	"crypto/sha256"
	"fmt"
	"io"
	"net"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/imagesync/imagesync/adapters/registry/registrytest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// edgeToken is the bearer token of the HTTP edge tests.
const edgeToken = "edge-test-token-0123456789abcdef"

// edgeConfig configures one token and the given server section.
func edgeConfig(server string) string {
	return fmt.Sprintf("auth:\n  tokens: [{name: ci, sha256: %x}]\nserver: %s\n", sha256.Sum256([]byte(edgeToken)), server)
}

// hang is how long a test waits on the server before calling it hung: far
// beyond any timeout configured here, so it only catches a server that
// never answers.
const hang = 60 * time.Second

// slowPost opens a connection, sends a POST's headers announcing 100 bytes
// of body and 5 of them, and returns the connection and its reader.
func slowPost(t *testing.T, addr, extraHeader string) (net.Conn, *bufio.Reader) {
	t.Helper()
	c, err := net.Dial("tcp", addr)
	require.NoError(t, err)
	t.Cleanup(func() { c.Close() })
	_, err = fmt.Fprintf(c, "POST /v1/syncs HTTP/1.1\r\nHost: %s\r\n%sContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"sou", addr, extraHeader)
	require.NoError(t, err)
	require.NoError(t, c.SetReadDeadline(time.Now().Add(hang)))
	return c, bufio.NewReader(c)
}

// closedByServer reports whether the server closed c: a read gives EOF
// (or a reset) rather than waiting.
func closedByServer(r *bufio.Reader) bool {
	_, err := r.ReadByte()
	return err != nil && !isTimeout(err)
}

func isTimeout(err error) bool {
	ne, ok := err.(net.Error)
	return ok && ne.Timeout()
}

// TestHTTPEdge runs the edge's promises against the built binary, one
// server per configuration.
func TestHTTPEdge(t *testing.T) {
	bin := buildBinary(t)
	t.Run("slow unauthenticated bodies are 401 at once", func(t *testing.T) { slowUnauthenticated(t, bin) })
	t.Run("a slow authenticated body is cut", func(t *testing.T) { slowAuthenticated(t, bin) })
	t.Run("idle keep-alive connections are closed", func(t *testing.T) { idleClosed(t, bin) })
	t.Run("slow headers are cut", func(t *testing.T) { slowHeaders(t, bin) })
	t.Run("405 with Allow, HEAD /healthz", func(t *testing.T) { methodsAndHealth(t, bin) })
}

// slowUnauthenticated: clients with no credentials
// that send 5 of 100 announced body bytes and stall are answered 401
// without the server waiting for the body (the default body timeout is
// 30 s; nothing here waits for it), and their connections are closed.
func slowUnauthenticated(t *testing.T, bin string) {
	addr := registrytest.FreeAddr(t)
	serveWith(t, bin, addr, edgeConfig("{}"))
	var wg sync.WaitGroup
	statuses := make([]int, 50)
	closed := make([]bool, 50)
	for i := range statuses {
		wg.Go(func() {
			_, r := slowPost(t, addr, "")
			res, err := http.ReadResponse(r, nil)
			if err != nil {
				return
			}
			_, _ = io.Copy(io.Discard, res.Body)
			res.Body.Close()
			statuses[i], closed[i] = res.StatusCode, closedByServer(r)
		})
	}
	wg.Wait()
	for i := range statuses {
		assert.Equal(t, http.StatusUnauthorized, statuses[i], "client %d", i)
		assert.True(t, closed[i], "client %d: connection left open", i)
	}
}

// slowAuthenticated: an authenticated client whose body
// stalls is answered 408 once server.bodyTimeout has passed, and its
// connection is closed.
func slowAuthenticated(t *testing.T, bin string) {
	addr := registrytest.FreeAddr(t)
	serveWith(t, bin, addr, edgeConfig("{bodyTimeout: 1s}"))
	start := time.Now()
	_, r := slowPost(t, addr, "Authorization: Bearer "+edgeToken+"\r\n")
	res, err := http.ReadResponse(r, nil)
	require.NoError(t, err, "no answer: the body was never cut")
	body, _ := io.ReadAll(res.Body)
	res.Body.Close()
	assert.Equal(t, http.StatusRequestTimeout, res.StatusCode, string(body))
	assert.Contains(t, string(body), "server.bodyTimeout")
	assert.GreaterOrEqual(t, time.Since(start), time.Second, "cut by the body deadline, not before")
	assert.True(t, closedByServer(r))
}

// idleClosed: a keep-alive connection that carries no request
// for server.idleTimeout is closed by the server.
func idleClosed(t *testing.T, bin string) {
	addr := registrytest.FreeAddr(t)
	serveWith(t, bin, addr, edgeConfig("{idleTimeout: 1s}"))
	c, err := net.Dial("tcp", addr)
	require.NoError(t, err)
	defer c.Close()
	_, err = fmt.Fprintf(c, "GET /healthz HTTP/1.1\r\nHost: %s\r\n\r\n", addr)
	require.NoError(t, err)
	require.NoError(t, c.SetReadDeadline(time.Now().Add(hang)))
	r := bufio.NewReader(c)
	res, err := http.ReadResponse(r, nil)
	require.NoError(t, err)
	_, _ = io.Copy(io.Discard, res.Body)
	res.Body.Close()
	require.Equal(t, http.StatusOK, res.StatusCode)
	assert.True(t, closedByServer(r), "the idle connection was kept")
}

// slowHeaders: a client that sends half its headers and stalls is
// disconnected once server.readHeaderTimeout has passed.
func slowHeaders(t *testing.T, bin string) {
	addr := registrytest.FreeAddr(t)
	serveWith(t, bin, addr, edgeConfig("{readHeaderTimeout: 1s}"))
	c, err := net.Dial("tcp", addr)
	require.NoError(t, err)
	defer c.Close()
	start := time.Now()
	_, err = fmt.Fprintf(c, "GET /healthz HTTP/1.1\r\nHost: %s\r\n", addr)
	require.NoError(t, err)
	require.NoError(t, c.SetReadDeadline(time.Now().Add(hang)))
	r := bufio.NewReader(c)
	if res, err := http.ReadResponse(r, nil); err == nil { // net/http may say 408 first
		res.Body.Close()
	}
	assert.True(t, closedByServer(r), "the connection was kept")
	assert.GreaterOrEqual(t, time.Since(start), time.Second)
}

// methodsAndHealth: a method a route does not serve is 405 with Allow;
// HEAD /healthz answers as GET does, without a body and without
// credentials.
func methodsAndHealth(t *testing.T, bin string) {
	addr := registrytest.FreeAddr(t)
	api := serveWith(t, bin, addr, edgeConfig("{}"))
	for path, allow := range map[string]string{"/v1/syncs": "GET, HEAD, POST", "/v1/syncs/registry:x": "GET, HEAD", "/v1/events": "POST"} {
		req, _ := http.NewRequest(http.MethodDelete, api+path, nil)
		req.Header.Set("Authorization", "Bearer "+edgeToken)
		res, err := http.DefaultClient.Do(req)
		require.NoError(t, err)
		body, _ := io.ReadAll(res.Body)
		res.Body.Close()
		assert.Equal(t, http.StatusMethodNotAllowed, res.StatusCode, "%s: %s", path, body)
		assert.Equal(t, allow, res.Header.Get("Allow"), path)
	}
	get, err := http.Get(api + "/healthz")
	require.NoError(t, err)
	get.Body.Close()
	head, err := http.Head(api + "/healthz")
	require.NoError(t, err)
	body, _ := io.ReadAll(head.Body)
	head.Body.Close()
	assert.Equal(t, http.StatusOK, head.StatusCode)
	assert.Empty(t, body)
	assert.Equal(t, get.Header.Get("Content-Type"), head.Header.Get("Content-Type"))
	assert.True(t, strings.HasPrefix(head.Header.Get("Content-Type"), "application/json"))
}
