package registry

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"

	"github.com/google/go-containerregistry/pkg/name"
	"github.com/google/go-containerregistry/pkg/v1/remote/transport"
	"github.com/imagesync/imagesync/core"
)

var _ core.TagLister = (*Engine)(nil)

// maxTagPages bounds the pages of a tag list followed (Link: rel="next").
const maxTagPages = 10000

// ListTags lists the tags of a repository (host/path), following the
// registry's pagination. Jobs use it to find what to sync. It goes through
// the same cached login, retries and rate limits as the syncs that follow,
// which then need no login of their own.
func (e *Engine) ListTags(ctx context.Context, repository string) ([]string, error) {
	repo, err := name.NewRepository(repository, name.StrictValidation)
	if err != nil {
		return nil, core.Errorf(core.ErrInvalid, "repository %q: %v", repository, err)
	}
	rc, err := e.clients.repo(ctx, repo, []string{transport.PullScope})
	if err != nil {
		return nil, classify(err, "listing tags of "+repository)
	}
	tags, err := rc.listTags(ctx)
	if err != nil {
		return nil, classify(err, "listing tags of "+repository)
	}
	return tags, nil
}

// listTags reads GET /v2/<name>/tags/list, page after page.
func (r *repoClient) listTags(ctx context.Context) ([]string, error) {
	var tags []string
	err := r.tagPages(ctx, func(body []byte) error {
		var page struct {
			Tags []string `json:"tags"`
		}
		if err := json.Unmarshal(body, &page); err != nil {
			return fmt.Errorf("tag list: %w", err)
		}
		tags = append(tags, page.Tags...)
		return nil
	})
	return tags, err
}

// tagPages hands each page of the tag list to read.
func (r *repoClient) tagPages(ctx context.Context, read func(body []byte) error) error {
	next, err := url.Parse(fmt.Sprintf("%s://%s/v2/%s/tags/list", r.repo.Scheme(), r.repo.RegistryStr(), r.repo.RepositoryStr()))
	if err != nil {
		return err
	}
	for page := 0; next != nil; page++ {
		if page == maxTagPages {
			return fmt.Errorf("tag list: over %d pages", maxTagPages)
		}
		res, err := r.do(ctx, http.MethodGet, next.String(), nil, nil)
		if err != nil {
			return err
		}
		var body []byte
		err = check(res, http.StatusOK)
		if err == nil {
			body, err = io.ReadAll(io.LimitReader(res.Body, maxSmallBody+1))
		}
		link := res.Header.Get("Link")
		res.Body.Close()
		switch {
		case err != nil:
			return err
		case len(body) > maxSmallBody:
			return fmt.Errorf("tag list: a page is over %d bytes", maxSmallBody)
		}
		if err := read(body); err != nil {
			return err
		}
		if next, err = nextPage(next, link); err != nil {
			return err
		}
	}
	return nil
}

// nextPage is the rel="next" target of a Link header, resolved against
// the page it came with; nil when there is none. A next page on another
// host is refused: the registry's login goes with the request.
func nextPage(cur *url.URL, link string) (*url.URL, error) {
	for _, l := range strings.Split(link, ",") {
		target, params, ok := strings.Cut(strings.TrimSpace(l), ";")
		target = strings.TrimSpace(target)
		if !ok || !strings.HasPrefix(target, "<") || !strings.HasSuffix(target, ">") {
			continue
		}
		if !strings.Contains(strings.NewReplacer(" ", "", `"`, "").Replace(params), "rel=next") {
			continue
		}
		u, err := cur.Parse(strings.Trim(target, "<>"))
		if err != nil {
			return nil, fmt.Errorf("tag list: next page %q: %v", target, err)
		}
		if u.Host != cur.Host || u.Scheme != cur.Scheme {
			return nil, fmt.Errorf("tag list: next page %s is not on %s://%s: not followed", u.Redacted(), cur.Scheme, cur.Host)
		}
		return u, nil
	}
	return nil, nil
}
