package acrtest

import (
	"mime"
	"net/http"
	"strconv"
)

// params are a request's parameters, query and form merged.
type params map[string]string

func readParams(r *http.Request) (params, *apiError) {
	if r.URL.Path != "/" {
		return nil, &apiError{status: 404, code: "InvalidAction.NotFound", msg: "RPC requests go to /"}
	}
	if r.Method != http.MethodPost && r.Method != http.MethodGet {
		return nil, &apiError{status: 405, code: "UnsupportedHTTPMethod", msg: "use GET or POST"}
	}
	if ct := r.Header.Get("Content-Type"); r.Method == http.MethodPost && ct != "" {
		if mt, _, _ := mime.ParseMediaType(ct); mt != "application/x-www-form-urlencoded" {
			return nil, &apiError{status: 400, code: "InvalidParameter.ContentType", msg: "RPC bodies are form-encoded"}
		}
	}
	if err := r.ParseForm(); err != nil {
		return nil, &apiError{status: 400, code: "InvalidParameter", msg: "malformed parameters"}
	}
	p := params{}
	for k, v := range r.Form {
		if len(v) > 0 {
			p[k] = v[0]
		}
	}
	return p, nil
}

// page reads PageNo and PageSize (defaults 1 and 30, at most 100).
func (p params) page() (no, size int, err *apiError) {
	no, size = 1, 30
	if v := p["PageNo"]; v != "" {
		n, e := strconv.Atoi(v)
		if e != nil || n < 1 {
			return 0, 0, &apiError{status: 400, code: "InvalidParameter", msg: "PageNo must be a positive integer"}
		}
		no = n
	}
	if v := p["PageSize"]; v != "" {
		n, e := strconv.Atoi(v)
		if e != nil || n < 1 || n > 100 {
			return 0, 0, &apiError{status: 400, code: "InvalidParameter", msg: "PageSize must be 1-100"}
		}
		size = n
	}
	return no, size, nil
}

// window returns the bounds of one page of n items.
func window(n, no, size int) (lo, hi int) {
	lo = min((no-1)*size, n)
	return lo, min(lo+size, n)
}
