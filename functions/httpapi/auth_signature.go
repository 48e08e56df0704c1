package httpapi

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"strconv"
	"strings"
	"sync"
	"time"
)

// SignatureHeader carries a request signature:
// t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<body>")>. It may hold
// several v1 values (one per secret, during a rotation).
const SignatureHeader = "X-Imagesync-Signature"

// Signature is a parsed SignatureHeader.
type Signature struct {
	Time int64
	V1   [][]byte // the MACs, decoded
}

// ParseSignature parses a SignatureHeader value. The reason it gives on
// failure never repeats the value.
func ParseSignature(s string) (Signature, string) {
	var sig Signature
	if len(s) > 2048 {
		return sig, "signature header longer than 2048 bytes"
	}
	seenT := false
	for _, part := range strings.Split(s, ",") {
		k, v, ok := strings.Cut(strings.TrimSpace(part), "=")
		switch {
		case !ok:
			return sig, "signature must be t=<unix seconds>,v1=<hex>"
		case k == "t" && !seenT:
			n, err := strconv.ParseInt(v, 10, 64)
			if err != nil || n <= 0 || len(v) > 12 {
				return sig, "signature t must be unix seconds"
			}
			sig.Time, seenT = n, true
		case k == "v1" && len(sig.V1) < 8:
			mac, err := hex.DecodeString(v)
			if err != nil || len(mac) != sha256.Size {
				return sig, "signature v1 must be 64 hex digits"
			}
			sig.V1 = append(sig.V1, mac)
		case k == "t" || k == "v1":
			return sig, "signature repeats t, or has more than 8 v1 values"
		}
		// unknown keys (future schemes) are ignored
	}
	if !seenT || len(sig.V1) == 0 {
		return sig, "signature must be t=<unix seconds>,v1=<hex>"
	}
	return sig, ""
}

// Sign returns the SignatureHeader value for body at time t.
func Sign(secret, body []byte, t time.Time) string {
	ts := strconv.FormatInt(t.Unix(), 10)
	return "t=" + ts + ",v1=" + hex.EncodeToString(mac(secret, ts, body))
}

func mac(secret []byte, ts string, body []byte) []byte {
	m := hmac.New(sha256.New, secret)
	m.Write([]byte(ts))
	m.Write([]byte{'.'})
	m.Write(body)
	return m.Sum(nil)
}

// Match returns the MAC of sig that is the MAC of body under secret, or
// nil. Every comparison runs in constant time, and all are made.
func (sig Signature) Match(secret, body []byte) []byte {
	want := mac(secret, strconv.FormatInt(sig.Time, 10), body)
	var found []byte
	for _, v := range sig.V1 {
		if hmac.Equal(v, want) {
			found = v
		}
	}
	return found
}

// replays remembers the signatures accepted within the window, so that a
// captured request cannot be played again.
type replays struct {
	mu   sync.Mutex
	seen map[string]time.Time // MAC -> when it stops being acceptable
}

// fresh records mac until expiry and reports whether it was new.
func (r *replays) fresh(mac []byte, now, expiry time.Time) bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.seen == nil || len(r.seen) > 100000 {
		r.prune(now)
	}
	if _, ok := r.seen[string(mac)]; ok {
		return false
	}
	r.seen[string(mac)] = expiry
	return true
}

func (r *replays) prune(now time.Time) {
	if r.seen == nil || len(r.seen) > 200000 {
		r.seen = map[string]time.Time{}
	}
	for k, exp := range r.seen {
		if now.After(exp) {
			delete(r.seen, k)
		}
	}
}
