package httpapi_test

import (
	"crypto/sha256"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/imagesync/imagesync/core"
	"github.com/imagesync/imagesync/functions/httpapi"
)

// FuzzSyncRequestBody posts arbitrary bodies to POST /v1/syncs of the real
// handler (an engine that copies nothing behind it): no panic, never a
// 5xx, every refusal a JSON error.
func FuzzSyncRequestBody(f *testing.F) {
	f.Add(okBody)
	f.Add(`{"source":{"image":"src.io/a:v1"},"target":{"image":"dst.io/a"},"dryRun":true,"override":true,"after":["hss"]}`)
	f.Add(`{"source":{"image":"u:p@r.io/a:v1"},"target":{"image":"169.254.169.254/a"}}`)
	f.Add(`{"source":{"engine":"acr"},"target":{"engine":"hss","registries":[{"id":"x","type":"Harbor"}]}}`)
	f.Add(`{"source":null,"target":[],"engine":1}`)
	h := httpapi.New(core.New(core.WithEngine(&counting{})), httpapi.WithSecurity(httpapi.Security{Mode: "none"}))
	f.Fuzz(func(t *testing.T, body string) {
		w := httptest.NewRecorder()
		h.ServeHTTP(w, httptest.NewRequest("POST", "/v1/syncs", strings.NewReader(body)))
		if w.Code >= 500 {
			t.Fatalf("%d for %q: %s", w.Code, body, w.Body)
		}
		if w.Code >= 400 && !strings.Contains(w.Body.String(), `"kind"`) {
			t.Fatalf("%d without an error body: %s", w.Code, w.Body)
		}
	})
}

// FuzzParseSignature: no panic; an accepted header has a positive time
// and 1-8 MACs of 32 bytes; the reason of a refusal never repeats input
// longer than a few bytes.
func FuzzParseSignature(f *testing.F) {
	f.Add(httpapi.Sign([]byte("k"), []byte("body"), time.Unix(1700000000, 0)))
	f.Add("t=1,v1=" + strings.Repeat("0", 64) + ",v1=" + strings.Repeat("f", 64) + ",v0=x")
	f.Add("t=,v1=")
	f.Add("t=99999999999999999999")
	f.Fuzz(func(t *testing.T, s string) {
		sig, reason := httpapi.ParseSignature(s)
		if reason != "" {
			if len(s) > 16 && strings.Contains(reason, s) {
				t.Fatalf("reason repeats the header: %s", reason)
			}
			return
		}
		if sig.Time <= 0 || len(sig.V1) == 0 || len(sig.V1) > 8 {
			t.Fatalf("accepted %q as %+v", s, sig)
		}
		for _, m := range sig.V1 {
			if len(m) != 32 {
				t.Fatalf("MAC of %d bytes", len(m))
			}
		}
		_ = sig.Match([]byte("secret"), []byte(s))
	})
}

// FuzzAuthHeaders sends arbitrary Authorization and signature headers to
// a handler with one token and one signing key: only the right token
// passes, nothing panics, every refusal is 401 (or 413/400 for the body).
func FuzzAuthHeaders(f *testing.F) {
	f.Add("Bearer "+token, "")
	f.Add("Bearer  "+token+" ", "t=1,v1=00")
	f.Add("bearer x", httpapi.Sign(hmacNew, []byte(okBody), time.Now()))
	f.Add("Basic dXNlcjpwYXNz", "v1=,t=")
	eng := &counting{}
	h := httpapi.New(core.New(core.WithEngine(eng)), httpapi.WithSecurity(httpapi.Security{
		Signers: []httpapi.Signer{{Principal: core.Principal{Name: "s"}, Secrets: [][]byte{hmacNew}}},
		Tokens:  []httpapi.Token{{Principal: core.Principal{Name: "t"}, SHA256: sha256.Sum256([]byte(token))}}}))
	f.Fuzz(func(t *testing.T, authz, sig string) {
		r := httptest.NewRequest("GET", "/v1/syncs", nil)
		r.Header["Authorization"] = []string{authz}
		if sig != "" {
			r.Header[httpapi.SignatureHeader] = []string{sig}
		}
		w := httptest.NewRecorder()
		h.ServeHTTP(w, r)
		if w.Code != 200 && w.Code != 401 {
			t.Fatalf("%d: %s", w.Code, w.Body)
		}
		if w.Code == 200 && sig == "" && !strings.Contains(authz, token) {
			t.Fatalf("accepted %q", authz)
		}
		if len(authz) > 12 && strings.Contains(w.Body.String(), authz) {
			t.Fatalf("the header was echoed")
		}
	})
}
