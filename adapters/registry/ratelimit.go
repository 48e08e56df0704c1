package registry

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/imagesync/imagesync/core"
)

// rateLimit is what a registry said of its pull quota on its last manifest
// answer. Docker Hub sends "ratelimit-remaining: 76;w=21600" on GETs and
// on HEADs, which cost no pull; any registry sending the field is heeded.
type rateLimit struct {
	mu        sync.Mutex
	known     bool
	remaining int
	reset     time.Duration
}

// observe records the quota fields of a manifest answer, if any.
func (r *rateLimit) observe(h http.Header) {
	n, ok := rateField(h.Get("Ratelimit-Remaining"))
	if r == nil || !ok {
		return
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	r.known, r.remaining, r.reset = true, n, retryAfterHeader(h)
}

// allow refuses, throttled, to start work that needs more manifest GETs
// than the registry says remain; it allows everything while it knows
// nothing.
func (r *rateLimit) allow(what string, need int) error {
	if r == nil {
		return nil
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if !r.known || r.remaining >= need {
		return nil
	}
	msg := fmt.Sprintf("%s: the registry allows %d more manifest pulls (ratelimit-remaining) and the copy needs %d; not starting it, to spare the quota", what, r.remaining, need)
	if r.reset > 0 {
		msg += fmt.Sprintf("; the quota resets in %s", r.reset.Round(time.Second))
	}
	return &core.ProviderError{Kind: core.ErrThrottled, Provider: "registry", Code: "TOOMANYREQUESTS",
		Message: msg, RetryAfter: r.reset}
}

// rateField reads the integer before any ";" parameters ("76;w=21600").
func rateField(s string) (int, bool) {
	s, _, _ = strings.Cut(s, ";")
	n, err := strconv.Atoi(strings.TrimSpace(s))
	return n, err == nil && n >= 0
}
