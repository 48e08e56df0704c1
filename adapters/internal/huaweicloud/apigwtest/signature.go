package apigwtest

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"time"
)

// The APIG AK/SK signature (SDK-HMAC-SHA256), recomputed the way the cloud
// does from what huaweicloud-sdk-go-v3's core/auth/signer signs:
//
//	canonical = method \n uri \n query \n headers \n signedHeaders \n hex(sha256(body))
//	uri       = each path segment escaped, with a trailing '/'
//	query     = sorted key=value pairs, both escaped
//	headers   = "name:trimmed value\n" for each signed header, in order
//	toSign    = "SDK-HMAC-SHA256\n" + X-Sdk-Date + "\n" + hex(sha256(canonical))
//	Authorization: SDK-HMAC-SHA256 Access=AK, SignedHeaders=a;b, Signature=hex(hmac-sha256(SK, toSign))
const (
	algorithm  = "SDK-HMAC-SHA256"
	dateFormat = "20060102T150405Z"
	maxSkew    = 15 * time.Minute
)

// VerifySignature checks r's signature against one key pair; body is r's
// body, already read. It returns why the signature fails, or nil.
func VerifySignature(r *http.Request, body []byte, ak, sk string, now time.Time) error {
	rest, ok := strings.CutPrefix(r.Header.Get("Authorization"), algorithm+" ")
	if !ok {
		return fmt.Errorf("authorization header missing or not %s", algorithm)
	}
	fields := map[string]string{}
	for _, kv := range strings.Split(rest, ", ") {
		k, v, _ := strings.Cut(kv, "=")
		fields[k] = v
	}
	date := r.Header.Get("X-Sdk-Date")
	t, err := time.Parse(dateFormat, date)
	if err != nil {
		return fmt.Errorf("X-Sdk-Date missing or malformed")
	}
	if now.Sub(t).Abs() > maxSkew {
		return fmt.Errorf("X-Sdk-Date %s is more than %s away", date, maxSkew)
	}
	if fields["Access"] != ak {
		return fmt.Errorf("unknown access key")
	}
	signed := strings.Split(fields["SignedHeaders"], ";")
	if !slices.Contains(signed, "x-sdk-date") {
		return fmt.Errorf("x-sdk-date is not signed")
	}
	payload := r.Header.Get("X-Sdk-Content-Sha256")
	if payload == "" {
		sum := sha256.Sum256(body)
		payload = hex.EncodeToString(sum[:])
	}
	canonical := strings.Join([]string{r.Method, canonicalURI(r.URL.Path), canonicalQuery(r.URL.Query()),
		canonicalHeaders(r, signed), strings.Join(signed, ";"), payload}, "\n")
	sum := sha256.Sum256([]byte(canonical))
	toSign := algorithm + "\n" + date + "\n" + hex.EncodeToString(sum[:])
	mac := hmac.New(sha256.New, []byte(sk))
	mac.Write([]byte(toSign))
	want := hex.EncodeToString(mac.Sum(nil))
	if !hmac.Equal([]byte(want), []byte(fields["Signature"])) {
		return fmt.Errorf("signature does not match")
	}
	return nil
}

func canonicalURI(path string) string {
	parts := strings.Split(path, "/")
	for i, p := range parts {
		parts[i] = escape(p)
	}
	u := strings.Join(parts, "/")
	if !strings.HasSuffix(u, "/") {
		u += "/"
	}
	return u
}

func canonicalQuery(q url.Values) string {
	keys := make([]string, 0, len(q))
	for k := range q {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	var pairs []string
	for _, k := range keys {
		vs := slices.Clone(q[k])
		slices.Sort(vs)
		for _, v := range vs {
			pairs = append(pairs, escape(k)+"="+escape(v))
		}
	}
	return strings.Join(pairs, "&")
}

func canonicalHeaders(r *http.Request, signed []string) string {
	var b strings.Builder
	for _, k := range signed {
		vs := slices.Clone(r.Header.Values(k))
		if k == "host" {
			vs = []string{r.Host}
		}
		slices.Sort(vs)
		for _, v := range vs {
			b.WriteString(k + ":" + strings.TrimSpace(v) + "\n")
		}
	}
	return b.String()
}

// escape is RFC 3986 percent-encoding with upper-case hex, leaving only
// letters, digits and "-_.~".
func escape(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if 'A' <= c && c <= 'Z' || 'a' <= c && c <= 'z' || '0' <= c && c <= '9' || strings.IndexByte("-_.~", c) >= 0 {
			b.WriteByte(c)
		} else {
			fmt.Fprintf(&b, "%%%02X", c)
		}
	}
	return b.String()
}
