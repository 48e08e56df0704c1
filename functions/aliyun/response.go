package main

import (
	"bytes"
	"encoding/base64"
	"net/http"
	"strings"
	"unicode/utf8"

	fcevents "github.com/aliyun/fc-runtime-go-sdk/events"
)

// response is an http.ResponseWriter that keeps the answer in memory, to
// be returned as the invocation's result.
type response struct {
	header http.Header
	status int
	body   bytes.Buffer
}

func newResponse() *response { return &response{header: http.Header{}} }

func (r *response) Header() http.Header { return r.header }

func (r *response) WriteHeader(code int) {
	if r.status == 0 {
		r.status = code
	}
}

func (r *response) Write(b []byte) (int, error) {
	r.WriteHeader(http.StatusOK)
	return r.body.Write(b)
}

// fc encodes the answer as FC's HTTP trigger response. Its headers hold
// one value each: repeated headers are joined with commas (the API sets no
// cookies, whose values cannot be joined so). A body that is not UTF-8 text
// is sent base64-encoded.
func (r *response) fc() *fcevents.HTTPTriggerResponse {
	out := &fcevents.HTTPTriggerResponse{StatusCode: r.status, Headers: map[string]string{}}
	if out.StatusCode == 0 {
		out.StatusCode = http.StatusOK
	}
	for k, vs := range r.header {
		out.Headers[k] = strings.Join(vs, ",")
	}
	if b := r.body.Bytes(); utf8.Valid(b) {
		out.Body = string(b)
	} else {
		out.Body, out.IsBase64Encoded = base64.StdEncoding.EncodeToString(b), true
	}
	return out
}
