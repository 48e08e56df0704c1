package callpath

import (
	"context"
	"io"
	"net/http"
)

// BindContext returns a transport that sends each request through base
// (http.DefaultTransport when nil) bound to ctx as well as to its own
// context: the cloud SDKs take no context, so cancelling ctx (or reaching
// its deadline) is what aborts their requests, while the SDK's own
// timeouts, carried by the request's context, still apply. The binding
// lasts until the response body is closed.
func BindContext(ctx context.Context, base http.RoundTripper) http.RoundTripper {
	if base == nil {
		base = http.DefaultTransport
	}
	return boundTransport{ctx: ctx, base: base}
}

type boundTransport struct {
	ctx  context.Context
	base http.RoundTripper
}

func (t boundTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	ctx, cancel := context.WithCancelCause(r.Context())
	stop := context.AfterFunc(t.ctx, func() { cancel(context.Cause(t.ctx)) })
	done := func() { stop(); cancel(nil) }
	resp, err := t.base.RoundTrip(r.WithContext(ctx))
	if err != nil {
		done()
		if cause := context.Cause(ctx); cause != nil && t.ctx.Err() != nil {
			return nil, cause // the caller's context ended: say how (deadline or cancel)
		}
		return nil, err
	}
	resp.Body = &doneBody{ReadCloser: resp.Body, done: done}
	return resp, nil
}

// doneBody releases the request's context once the body is closed.
type doneBody struct {
	io.ReadCloser
	done func()
}

func (b *doneBody) Close() error {
	err := b.ReadCloser.Close()
	b.done()
	return err
}
