package platform

import (
	"bytes"
	"encoding/base64"
	"net/http"
	"strings"
	"unicode/utf8"
)

// Response is an http.ResponseWriter that keeps the answer in memory, to
// be returned as the invocation's result (the platforms buffer it anyway).
// The first status written wins; a Write without one is a 200.
type Response struct {
	header http.Header
	status int
	body   bytes.Buffer
}

// NewResponse returns an empty Response.
func NewResponse() *Response { return &Response{header: http.Header{}} }

// Header is the answer's header map.
func (r *Response) Header() http.Header { return r.header }

// WriteHeader records code unless a status is already set.
func (r *Response) WriteHeader(code int) {
	if r.status == 0 {
		r.status = code
	}
}

// Write appends b to the body.
func (r *Response) Write(b []byte) (int, error) {
	r.WriteHeader(http.StatusOK)
	return r.body.Write(b)
}

// Answer is an HTTP answer as the payload-2.0 style platforms return it.
type Answer struct {
	StatusCode      int
	Headers         map[string]string // one value a header
	Cookies         []string          // the Set-Cookie values, when kept apart
	Body            string
	IsBase64Encoded bool
}

// Answer encodes the response: repeated headers are joined with commas,
// Set-Cookie headers become Cookies when cookies is true (else they are
// joined like any other), and a body that is not UTF-8 text is sent
// base64-encoded. No status at all is a 200.
func (r *Response) Answer(cookies bool) *Answer {
	out := &Answer{StatusCode: r.status, Headers: map[string]string{}}
	if out.StatusCode == 0 {
		out.StatusCode = http.StatusOK
	}
	for k, vs := range r.header {
		if cookies && k == "Set-Cookie" {
			out.Cookies = append(out.Cookies, vs...)
			continue
		}
		out.Headers[k] = strings.Join(vs, ",")
	}
	if b := r.body.Bytes(); utf8.Valid(b) {
		out.Body = string(b)
	} else {
		out.Body, out.IsBase64Encoded = base64.StdEncoding.EncodeToString(b), true
	}
	return out
}
