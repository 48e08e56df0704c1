package infra

import (
	"bytes"
	"encoding/json"
	"io"
	"regexp"
	"sync"

	"github.com/imagesync/imagesync/core"
)

// Redacted replaces a secret in redacted output.
const Redacted = "[REDACTED]"

// userInfo matches URL user info (scheme://user:password@), which may reach
// a log line inside an upstream error message.
var userInfo = regexp.MustCompile(`([a-zA-Z][a-zA-Z0-9+.-]*://)[^/@\s"]+@`)

// Redacting returns a writer that replaces, in every write, each of the
// given secrets (as written and as JSON escapes them) and any URL user info
// with [REDACTED], and the query values of URLs as core.RedactURLs does. The logger writes one record per write, so a secret is
// never split across writes. It is a second line of defence: code must not
// log secrets in the first place.
func Redacting(w io.Writer, secrets [][]byte) io.Writer {
	r := &redactor{w: w}
	for _, s := range secrets {
		if len(s) < 4 {
			continue // too short to redact without mangling the log
		}
		r.secrets = append(r.secrets, s)
		if js, _ := json.Marshal(string(s)); !bytes.Equal(js[1:len(js)-1], s) {
			r.secrets = append(r.secrets, js[1:len(js)-1])
		}
	}
	return r
}

type redactor struct {
	mu      sync.Mutex
	w       io.Writer
	secrets [][]byte
}

func (r *redactor) Write(p []byte) (int, error) {
	out := userInfo.ReplaceAll(p, []byte("${1}"+Redacted+"@"))
	if bytes.Contains(out, []byte("?")) {
		out = []byte(core.RedactURLs(string(out))) // an upload's _state, a redirect's signature
	}
	for _, s := range r.secrets {
		out = bytes.ReplaceAll(out, s, []byte(Redacted))
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if _, err := r.w.Write(out); err != nil {
		return 0, err
	}
	return len(p), nil
}
