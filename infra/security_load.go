package infra

import (
	"encoding/hex"
	"errors"
	"io/fs"
	"os"
	"strconv"
	"strings"

	"github.com/imagesync/imagesync/core"
)

// pushFormats are the events formats a webhook may be configured for (the
// push formats of package events; ticks need API authentication).
var pushFormats = []string{"distribution", "harbor", "acr", "acr-eventbridge", "swr-ee", "swr-cts", "ecr", "gar"}

// loadSecurity applies IMAGESYNC_AUTH_MODE, reads every secret and checks
// the security sections, recording problems by path (never by value).
func loadSecurity(c *Config, getenv func(string) string, v *core.ValidationError) {
	if m := getenv("IMAGESYNC_AUTH_MODE"); m != "" {
		c.Auth.Mode = m
	}
	switch c.Auth.Mode {
	case "", AuthRequired:
	case AuthNone:
		if len(c.Auth.Signing)+len(c.Auth.Tokens) > 0 {
			v.Add("auth.mode", "none, yet signing keys or tokens are configured: remove one or the other")
		}
	default:
		v.Add("auth.mode", "must be required or none")
	}
	if c.Auth.Window < 0 || c.Auth.Window > 3600e9 {
		v.Add("auth.window", "must be between 0s and 1h")
	}
	names := map[string]bool{}
	for i := range c.Auth.Signing {
		k, p := &c.Auth.Signing[i], "auth.signing["+strconv.Itoa(i)+"]"
		principal(v, names, p, k.Name)
		c.policyRef(v, p+".policy", k.Policy)
		secrets(v, p+".secrets", k.Secrets, getenv, 16)
	}
	for i, t := range c.Auth.Tokens {
		p := "auth.tokens[" + strconv.Itoa(i) + "]"
		principal(v, names, p, t.Name)
		c.policyRef(v, p+".policy", t.Policy)
		if b, err := hex.DecodeString(t.SHA256); err != nil || len(b) != 32 || strings.ToLower(t.SHA256) != t.SHA256 {
			v.Add(p+".sha256", "must be the token's SHA-256 as 64 lowercase hex digits")
		}
	}
	for _, f := range sortedKeysOf(c.Webhooks) {
		w, p := c.Webhooks[f], "webhooks."+f
		if !contains(pushFormats, f) {
			v.Add(p, "must be one of "+strings.Join(pushFormats, ", "))
		}
		secrets(v, p+".secrets", w.Secrets, getenv, 8)
	}
	c.validatePolicy(v)
}

func principal(v *core.ValidationError, seen map[string]bool, path, name string) {
	switch {
	case name == "" || len(name) > 64 || strings.ContainsAny(name, " \t\r\n\"'"):
		v.Add(path+".name", "required: 1-64 characters without spaces or quotes")
	case seen[name]:
		v.Add(path+".name", "duplicate name")
	}
	seen[name] = true
}

// AbsentSecret ends the reason of a problem with a secret that is not
// here to read (its variable unset or empty, its file missing): the
// functions and serve refuse to start without it, imagesync check (on a
// CI runner, say) notes it.
const AbsentSecret = "not here to read (the secret is read at start-up)"

// secrets reads each reference of list (in place) and checks its length.
func secrets(v *core.ValidationError, path string, list []SecretRef, getenv func(string) string, minLen int) {
	if len(list) == 0 {
		v.Add(path, "at least one secret is required")
	}
	for i := range list {
		s, p := &list[i], path+"["+strconv.Itoa(i)+"]"
		switch {
		case (s.SecretEnv == "") == (s.SecretFile == ""):
			v.Add(p, "give exactly one of secretEnv or secretFile")
			continue
		case s.SecretEnv != "":
			if s.value = []byte(getenv(s.SecretEnv)); len(s.value) == 0 {
				v.Add(p, s.String()+" is empty or unset: "+AbsentSecret)
				continue
			}
		default:
			raw, err := os.ReadFile(s.SecretFile)
			if errors.Is(err, fs.ErrNotExist) {
				v.Add(p+".secretFile", "cannot be read, no such file: "+AbsentSecret)
				continue
			}
			if err != nil {
				v.Add(p+".secretFile", "cannot be read")
				continue
			}
			s.value = []byte(strings.TrimRight(string(raw), "\r\n"))
		}
		if len(s.value) < minLen {
			v.Add(p, s.String()+" must hold a secret of at least "+strconv.Itoa(minLen)+" bytes")
		}
	}
}
