package registrytest

import (
	"io"
	"log"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"strings"
	"testing"
	"time"
)

// DelayProxy starts a reverse proxy in front of upstream (host:port) that
// holds every request for rtt before passing it on: a registry as far away
// as one network round trip per request, to measure what loopback hides
// (how many round trips a copier makes, and how many it overlaps). Bodies
// stream through at loopback speed. It returns the proxy's host:port.
func DelayProxy(t testing.TB, upstream string, rtt time.Duration) string {
	t.Helper()
	u, err := url.Parse("http://" + upstream)
	if err != nil {
		t.Fatal(err)
	}
	rp := httputil.NewSingleHostReverseProxy(u)
	rp.ErrorLog = log.New(io.Discard, "", 0)
	rp.FlushInterval = -1
	rp.Transport = &http.Transport{MaxIdleConnsPerHost: 256, DisableCompression: true}
	s := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		time.Sleep(rtt)
		rp.ServeHTTP(w, r)
	}))
	t.Cleanup(s.Close)
	return strings.TrimPrefix(s.URL, "http://")
}
