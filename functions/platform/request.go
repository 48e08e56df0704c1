package platform

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strings"
)

// Request is a platform's HTTP event, in the terms of net/http.
type Request struct {
	Method     string
	RawPath    string            // the path, as the event gives it
	RawQuery   *string           // when set, the query (else RawPath's own)
	Body       string            // base64 when IsBase64Encoded
	Base64     bool              // Body is base64-encoded
	Headers    map[string]string // one value a header
	Cookies    []string          // joined into one Cookie header
	Host       string            // the host when no Host header names one
	RemoteAddr string
	RequestID  string // X-Request-Id when no header gives one
}

// HTTP builds the *http.Request, bound to ctx (and its deadline).
func (e *Request) HTTP(ctx context.Context) (*http.Request, error) {
	body := []byte(e.Body)
	if e.Base64 {
		b, err := base64.StdEncoding.DecodeString(e.Body)
		if err != nil {
			return nil, fmt.Errorf("body: isBase64Encoded is true but the body is not base64: %w", err)
		}
		body = b
	}
	u, err := url.ParseRequestURI(e.RawPath)
	if err != nil {
		return nil, fmt.Errorf("rawPath %q: %w", e.RawPath, err)
	}
	if e.RawQuery != nil {
		u.RawQuery = *e.RawQuery
	}
	req, err := http.NewRequestWithContext(ctx, e.Method, u.String(), bytes.NewReader(body))
	if err != nil {
		return nil, fmt.Errorf("request: %w", err)
	}
	for k, v := range e.Headers {
		req.Header.Set(k, v)
	}
	if len(e.Cookies) > 0 {
		req.Header.Set("Cookie", strings.Join(e.Cookies, "; "))
	}
	if req.Header.Get("X-Request-Id") == "" {
		req.Header.Set("X-Request-Id", e.RequestID)
	}
	if req.Host = req.Header.Get("Host"); req.Host == "" {
		req.Host = e.Host
	}
	req.RemoteAddr = e.RemoteAddr
	req.RequestURI = u.RequestURI()
	return req, nil
}

// ServeEvent decodes payload as an E, turns it into a Request with toRequest
// and serves it with h (see Serve). An event that does not decode is
// answered 400, "malformed <kind>: ...".
func ServeEvent[E any](ctx context.Context, h http.Handler, payload []byte, kind string,
	toRequest func(context.Context, *E) *Request, cookies bool) *Answer {
	var e E
	if err := json.Unmarshal(payload, &e); err != nil {
		return BadRequest("malformed " + kind + ": " + err.Error())
	}
	return Serve(ctx, h, toRequest(ctx, &e), cookies)
}

// Serve runs e through h and returns the answer (Response.Answer with
// cookies); an e that makes no request is answered 400.
func Serve(ctx context.Context, h http.Handler, e *Request, cookies bool) *Answer {
	req, err := e.HTTP(ctx)
	if err != nil {
		return BadRequest(err.Error())
	}
	w := NewResponse()
	h.ServeHTTP(w, req)
	return w.Answer(cookies)
}

// BadRequest is the HTTP API's 400 answer, with reason as its message.
func BadRequest(reason string) *Answer {
	body := fmt.Sprintf(`{"error":{"kind":"invalid","message":%q}}`+"\n", reason)
	return &Answer{StatusCode: http.StatusBadRequest,
		Headers: map[string]string{"Content-Type": "application/json"}, Body: body}
}
