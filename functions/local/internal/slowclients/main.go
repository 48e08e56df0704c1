// Command slowclients measures what slow clients cost a running imagesync
// server: it starts the given binary (imagesync serve, on loopback, with a
// bearer token configured so that the clients are unauthenticated), opens
// -n connections that each send a POST's headers with Content-Length: 100
// and 5 bytes of body and then stall, and reports the server's open file
// descriptors and resident memory (from /proc) before, while the clients
// hold their connections, and how many of them got an answer.
//
//	go run ./functions/local/internal/slowclients -bin bin/imagesync -n 2000
//
// It measures; it asserts nothing (numbers depend on the machine).
package main

import (
	"bufio"
	"flag"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

func main() {
	bin := flag.String("bin", "bin/imagesync", "imagesync binary to measure")
	n := flag.Int("n", 2000, "slow clients")
	settle := flag.Duration("settle", 3*time.Second, "wait after the last client connected before measuring")
	flag.Parse()
	if err := run(*bin, *n, *settle); err != nil {
		fmt.Fprintln(os.Stderr, "slowclients:", err)
		os.Exit(1)
	}
}

func run(bin string, n int, settle time.Duration) error {
	srv, addr, err := start(bin)
	if err != nil {
		return err
	}
	defer func() { _ = srv.Process.Kill(); _ = srv.Wait() }()
	pid := srv.Process.Pid
	fmt.Printf("idle:       fds %4d  rss %6d KiB\n", fds(pid), rss(pid))
	var answered atomic.Int64
	conns := make([]net.Conn, 0, n)
	var wg sync.WaitGroup
	for range n {
		c, err := net.Dial("tcp", addr)
		if err != nil {
			return fmt.Errorf("client %d: %w", len(conns), err)
		}
		conns = append(conns, c)
		fmt.Fprintf(c, "POST /v1/syncs HTTP/1.1\r\nHost: %s\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"sou", addr)
		wg.Add(1)
		go func() {
			defer wg.Done()
			_ = c.SetReadDeadline(time.Now().Add(settle + 30*time.Second))
			if res, err := http.ReadResponse(bufio.NewReader(c), nil); err == nil {
				res.Body.Close()
				answered.Add(1)
			}
		}()
	}
	time.Sleep(settle)
	fmt.Printf("%d slow:  fds %4d  rss %6d KiB  answered %d\n", n, fds(pid), rss(pid), answered.Load())
	for _, c := range conns {
		_ = c.Close()
	}
	wg.Wait()
	time.Sleep(time.Second)
	fmt.Printf("closed:     fds %4d  rss %6d KiB\n", fds(pid), rss(pid))
	return nil
}

// start runs bin serve on a free loopback port with one bearer token
// configured, and waits until it answers.
func start(bin string) (*exec.Cmd, string, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, "", err
	}
	addr := ln.Addr().String()
	ln.Close()
	dir, err := os.MkdirTemp("", "slowclients")
	if err != nil {
		return nil, "", err
	}
	config := filepath.Join(dir, "imagesync.yaml")
	token := "auth:\n  tokens: [{name: ci, sha256: " + strings.Repeat("ab", 32) + "}]\nlog: {level: error}\n"
	if err := os.WriteFile(config, []byte(token), 0o600); err != nil {
		return nil, "", err
	}
	cmd := exec.Command(bin, "serve", "--addr", addr, "--config", config)
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		return nil, "", err
	}
	for range 100 {
		if res, err := http.Get("http://" + addr + "/healthz"); err == nil {
			res.Body.Close()
			http.DefaultClient.CloseIdleConnections()
			return cmd, addr, nil
		}
		time.Sleep(100 * time.Millisecond)
	}
	_ = cmd.Process.Kill()
	return nil, "", fmt.Errorf("%s did not start on %s", bin, addr)
}

func fds(pid int) int {
	entries, _ := os.ReadDir(fmt.Sprintf("/proc/%d/fd", pid))
	return len(entries)
}

// rss is the process's resident set size in KiB (VmRSS).
func rss(pid int) int {
	raw, _ := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	for _, line := range strings.Split(string(raw), "\n") {
		if v, ok := strings.CutPrefix(line, "VmRSS:"); ok {
			var kb int
			fmt.Sscan(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "kB")), &kb)
			return kb
		}
	}
	return 0
}
