package registry

import (
	"context"
	"fmt"
	"net/http"
	"strings"

	"github.com/google/go-containerregistry/pkg/name"
	v1 "github.com/google/go-containerregistry/pkg/v1"
	"github.com/google/go-containerregistry/pkg/v1/remote/transport"
	"github.com/imagesync/imagesync/core"
)

// DeleteTag deletes the tag ref (host/path:tag). The distribution API
// deletes manifests, not tags: it resolves the tag with a HEAD and sends
// DELETE /v2/<name>/manifests/<digest>, which removes every tag pointing
// at that digest. So the rule: the manifest is deleted only when no other
// tag of the repository points at the same digest (one tag listing and a
// HEAD per other tag); otherwise nothing is deleted and the answer is
// ErrConflict naming those tags. A tag pushed between the check and the
// DELETE onto the same digest goes too: the API offers no way to close
// that window. A missing tag is ErrNotFound; a registry that does not
// allow deletes (405) is ErrForbidden.
func (e *Engine) DeleteTag(ctx context.Context, ref string) error {
	c, digest, err := e.deletable(ctx, ref)
	if err != nil {
		return err
	}
	return c.deleteManifest(ctx, digest)
}

var _ core.TagDeleter = (*Engine)(nil)

// PlanDeleteTag answers what DeleteTag would answer now (the same
// requests but the DELETE), deleting nothing: a dry run of a pruning job.
// Only the DELETE can tell that the registry refuses deletes (405) or that
// its token server granted no delete right: a plan cannot foresee those.
func (e *Engine) PlanDeleteTag(ctx context.Context, ref string) error {
	_, _, err := e.deletable(ctx, ref)
	return err
}

// deletable checks that ref can be deleted alone and returns the client
// and the digest to delete.
func (e *Engine) deletable(ctx context.Context, ref string) (*repoClient, v1.Hash, error) {
	tag, err := name.NewTag(ref, name.StrictValidation)
	if err != nil || !strings.Contains(ref[strings.LastIndexByte(ref, '/')+1:], ":") {
		return nil, v1.Hash{}, core.Errorf(core.ErrInvalid, "delete %q: name a tag as host/path:tag", ref)
	}
	c, err := e.clients.repo(ctx, tag.Context(), []string{transport.PullScope, transport.PushScope, "delete"})
	if err != nil {
		return nil, v1.Hash{}, err
	}
	d, found, err := c.headManifest(ctx, tag.TagStr())
	switch {
	case err != nil:
		return nil, v1.Hash{}, classify(err, "reading "+ref)
	case !found:
		return nil, v1.Hash{}, core.Errorf(core.ErrNotFound, "delete %s: no such tag", ref)
	}
	shared, err := e.sharing(ctx, c, tag, d.Digest)
	if err != nil {
		return nil, v1.Hash{}, err
	}
	if len(shared) > 0 {
		return nil, v1.Hash{}, core.Errorf(core.ErrConflict, "delete %s: kept, tags %s also point at %s and would go with it",
			ref, strings.Join(shared, ", "), d.Digest)
	}
	return c, d.Digest, nil
}

// sharing returns the other tags of tag's repository that resolve to digest.
func (e *Engine) sharing(ctx context.Context, c *repoClient, tag name.Tag, digest v1.Hash) ([]string, error) {
	tags, err := e.ListTags(ctx, tag.Context().Name())
	if err != nil {
		return nil, err
	}
	var shared []string
	for _, other := range tags {
		if other == tag.TagStr() {
			continue
		}
		d, found, err := c.headManifest(ctx, other)
		if err != nil {
			return nil, classify(err, "reading "+tag.Context().Name()+":"+other)
		}
		if found && d.Digest == digest {
			shared = append(shared, other)
		}
	}
	return shared, nil
}

// deleteManifest deletes a manifest by digest; one already gone is fine.
func (r *repoClient) deleteManifest(ctx context.Context, digest v1.Hash) error {
	res, err := r.do(ctx, http.MethodDelete, r.url("manifests", digest.String()), nil, nil)
	if err != nil {
		return classify(err, "deleting "+r.repo.Name()+"@"+digest.String())
	}
	defer res.Body.Close()
	if res.StatusCode == http.StatusNotFound {
		return nil
	}
	if res.StatusCode == http.StatusMethodNotAllowed {
		return core.Errorf(core.ErrForbidden, "deleting %s@%s: the registry does not allow deletes (405)", r.repo.Name(), digest)
	}
	if err := check(res, http.StatusAccepted, http.StatusOK, http.StatusNoContent); err != nil {
		return classify(err, fmt.Sprintf("deleting %s@%s", r.repo.Name(), digest))
	}
	return nil
}
