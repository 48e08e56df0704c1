package registry

import (
	"context"
	"net/http"
)

// where is the URL the next request of a blob goes to: the object store
// the registry redirected to, else the registry. When the store refused
// its URL (expired), one request asks the registry again and the ranges
// that need a URL meanwhile wait for its answer, so that a refusal seen by
// every range under way costs one request to the registry, not one each.
// asked must be called once that request has its answer (or failed); it
// does nothing for any other request.
func (o *origin) where(ctx context.Context) (u string, ranged bool, asked func(), err error) {
	o.mu.Lock()
	defer o.mu.Unlock()
	for o.asking != nil {
		ch := o.asking
		o.mu.Unlock()
		select {
		case <-ch:
		case <-ctx.Done():
			o.mu.Lock()
			return "", false, nil, ctx.Err()
		}
		o.mu.Lock()
	}
	asked = func() {}
	if o.final == "" && o.stale {
		o.stale = false
		ch := make(chan struct{})
		o.asking = ch
		asked = func() {
			o.mu.Lock()
			o.asking = nil
			o.mu.Unlock()
			close(ch)
		}
	}
	u = o.final
	if u == "" {
		u = o.reg
	}
	return u, !o.noRanges, asked, nil
}

// learn notes the object store a request to the registry was redirected
// to: later requests go there straight, one round trip less each.
func (o *origin) learn(u string, res *http.Response) {
	if u != o.reg || res.Request.URL.String() == o.reg {
		return
	}
	o.mu.Lock()
	o.final = res.Request.URL.String()
	o.mu.Unlock()
}

// refused notes that the object store refused u: the first range to see
// it has the registry asked again; the others find the answer in where.
func (o *origin) refused(u string, status int) {
	o.mu.Lock()
	first := o.final == u
	if first {
		o.final, o.stale = "", true
	}
	o.mu.Unlock()
	if first {
		o.log("object store refused a range, asking the registry again", "status", status)
	}
}
