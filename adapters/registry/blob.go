package registry

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/url"

	v1 "github.com/google/go-containerregistry/pkg/v1"
)

// blobExists reports whether the repository holds the blob (HEAD).
func (r *repoClient) blobExists(ctx context.Context, d v1.Hash) (bool, error) {
	res, err := r.do(ctx, http.MethodHead, r.url("blobs", d.String()), nil, nil)
	if err != nil {
		return false, err
	}
	res.Body.Close()
	if res.StatusCode == http.StatusNotFound {
		return false, nil
	}
	return res.StatusCode == http.StatusOK, check(res, http.StatusOK)
}

// startUpload opens an upload session. With from set it first asks the
// registry to mount the blob from that repository of the same registry;
// mounted is then true and there is nothing to upload.
func (r *repoClient) startUpload(ctx context.Context, d v1.Hash, from string) (loc *url.URL, mounted bool, err error) {
	u := r.url("blobs", "uploads/")
	if from != "" {
		u += "?" + url.Values{"mount": {d.String()}, "from": {from}}.Encode()
	}
	res, err := r.do(ctx, http.MethodPost, u, nil, nil)
	if err != nil {
		return nil, false, err
	}
	defer res.Body.Close()
	if err := check(res, http.StatusCreated, http.StatusAccepted); err != nil {
		return nil, false, err
	}
	if res.StatusCode == http.StatusCreated {
		return nil, true, nil
	}
	loc, err = res.Request.URL.Parse(res.Header.Get("Location"))
	if err != nil || res.Header.Get("Location") == "" {
		return nil, false, fmt.Errorf("POST %s: no usable Location header", u)
	}
	return loc, false, nil
}

// putBlob finishes an upload in one PUT that carries the whole blob.
func (r *repoClient) putBlob(ctx context.Context, loc *url.URL, d v1.Descriptor, body io.Reader) error {
	return r.putRest(ctx, loc, d, 0, body)
}
