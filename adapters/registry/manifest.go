package registry

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"strings"

	"github.com/google/go-containerregistry/pkg/name"
	v1 "github.com/google/go-containerregistry/pkg/v1"
	"github.com/google/go-containerregistry/pkg/v1/types"
)

// repoClient speaks the distribution API to one repository.
type repoClient struct {
	repo name.Repository
	c    *http.Client
	rl   *rateLimit // the pull quota its manifest answers announce
}

var acceptManifests = strings.Join([]string{
	string(types.OCIImageIndex), string(types.OCIManifestSchema1),
	string(types.DockerManifestList), string(types.DockerManifestSchema2),
	string(types.DockerManifestSchema1Signed), string(types.DockerManifestSchema1),
}, ", ")

func (r *repoClient) url(kind, ident string) string {
	return fmt.Sprintf("%s://%s/v2/%s/%s/%s", r.repo.Scheme(), r.repo.RegistryStr(), r.repo.RepositoryStr(), kind, ident)
}

func (r *repoClient) do(ctx context.Context, method, url string, body io.Reader, hdr http.Header) (*http.Response, error) {
	req, err := http.NewRequestWithContext(ctx, method, url, body)
	if err != nil {
		return nil, err
	}
	for k, v := range hdr {
		req.Header[k] = v
	}
	return r.c.Do(req)
}

// askManifest sends method (HEAD or GET) for ident's manifest, accepting
// every manifest type, and notes the pull quota the answer announces. The
// caller closes the answer.
func (r *repoClient) askManifest(ctx context.Context, method, ident string) (*http.Response, error) {
	res, err := r.do(ctx, method, r.url("manifests", ident), nil, http.Header{"Accept": {acceptManifests}})
	if err != nil {
		return nil, err
	}
	r.rl.observe(res.Header)
	return res, nil
}

// readManifest reads a manifest answer's bytes: at most maxSmallBody.
func (r *repoClient) readManifest(res *http.Response, ident string) ([]byte, error) {
	raw, err := io.ReadAll(io.LimitReader(res.Body, maxSmallBody+1))
	if err == nil && len(raw) > maxSmallBody {
		err = fmt.Errorf("manifest %s of %s: over %d bytes", ident, r.repo, maxSmallBody)
	}
	return raw, err
}

// headManifest returns the descriptor ident resolves to; found is false on
// 404. A registry that answers a HEAD without Docker-Content-Digest, or
// refuses HEAD (405, 501), is asked with a GET, whose bytes are hashed;
// a digest ident is its own digest.
func (r *repoClient) headManifest(ctx context.Context, ident string) (d v1.Descriptor, found bool, err error) {
	res, err := r.askManifest(ctx, http.MethodHead, ident)
	if err != nil {
		return d, false, err
	}
	defer res.Body.Close()
	switch res.StatusCode {
	case http.StatusNotFound:
		return d, false, nil
	case http.StatusMethodNotAllowed, http.StatusNotImplemented:
		return r.getDescriptor(ctx, ident)
	}
	if err := check(res, http.StatusOK); err != nil {
		return d, false, err
	}
	d = v1.Descriptor{Size: res.ContentLength, MediaType: contentType(res.Header)}
	if d.Digest, err = v1.NewHash(res.Header.Get("Docker-Content-Digest")); err == nil {
		return d, true, nil
	}
	if d.Digest, err = v1.NewHash(ident); err == nil {
		return d, true, nil
	}
	return r.getDescriptor(ctx, ident)
}

// getDescriptor is headManifest by a GET: the digest of the bytes served.
func (r *repoClient) getDescriptor(ctx context.Context, ident string) (d v1.Descriptor, found bool, err error) {
	res, err := r.askManifest(ctx, http.MethodGet, ident)
	if err != nil {
		return d, false, err
	}
	defer res.Body.Close()
	if res.StatusCode == http.StatusNotFound {
		return d, false, nil
	}
	if err := check(res, http.StatusOK); err != nil {
		return d, false, err
	}
	raw, err := r.readManifest(res, ident)
	if err != nil {
		return d, false, err
	}
	d.Digest, d.Size, _ = v1.SHA256(bytes.NewReader(raw))
	d.MediaType = manifestType(raw, contentType(res.Header), "")
	return d, true, nil
}

// getManifest fetches a manifest by digest and checks its bytes against it;
// its media type is "" when the registry named none (see manifestType).
func (r *repoClient) getManifest(ctx context.Context, digest v1.Hash) ([]byte, types.MediaType, error) {
	res, err := r.askManifest(ctx, http.MethodGet, digest.String())
	if err != nil {
		return nil, "", err
	}
	defer res.Body.Close()
	if err := check(res, http.StatusOK); err != nil {
		return nil, "", err
	}
	raw, err := r.readManifest(res, digest.String())
	if err != nil {
		return nil, "", err
	}
	if got, _, _ := v1.SHA256(bytes.NewReader(raw)); digest.Algorithm == "sha256" && got != digest {
		return nil, "", fmt.Errorf("manifest %s@%s has digest %s: %w", r.repo, digest, got, errTruncated)
	}
	return raw, contentType(res.Header), nil
}

// putManifest pushes raw under ident and returns the digest the registry
// reports (zero when it reports none).
func (r *repoClient) putManifest(ctx context.Context, ident string, raw []byte, mt types.MediaType) (v1.Hash, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodPut, r.url("manifests", ident), bytes.NewReader(raw))
	if err != nil {
		return v1.Hash{}, err
	}
	req.Header.Set("Content-Type", string(mt))
	res, err := r.c.Do(req)
	if err != nil {
		return v1.Hash{}, err
	}
	defer res.Body.Close()
	if err := check(res, http.StatusOK, http.StatusCreated, http.StatusAccepted); err != nil {
		return v1.Hash{}, err
	}
	h, _ := v1.NewHash(res.Header.Get("Docker-Content-Digest"))
	return h, nil
}
