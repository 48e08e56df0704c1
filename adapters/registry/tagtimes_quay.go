package registry

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"time"

	"github.com/google/go-containerregistry/pkg/name"
	"github.com/imagesync/imagesync/core"
)

// quayTags is a page of Quay's GET /api/v1/repository/{repository}/tag/.
type quayTags struct {
	Tags []struct {
		Name    string `json:"name"`
		StartTS int64  `json:"start_ts"` // seconds since the epoch the tag has pointed where it does
	} `json:"tags"`
	HasAdditional bool `json:"has_additional"`
}

// quayTagTimes reads push times from quay.io's API (a tag's start_ts),
// asked without credentials (its API takes OAuth tokens, not registry
// logins), so public repositories only.
func (e *Engine) quayTagTimes(ctx context.Context, c *http.Client, repo name.Repository) (map[string]time.Time, error) {
	what := "quay.io's tags of " + repo.RepositoryStr()
	times := map[string]time.Time{}
	for page := 1; page <= tagTimesPages; page++ {
		u := fmt.Sprintf("https://%s/api/v1/repository/%s/tag/?onlyActiveTags=true&limit=%d&page=%d",
			repo.RegistryStr(), (&url.URL{Path: repo.RepositoryStr()}).EscapedPath(), tagTimesPageSize, page)
		status, h, body, err := e.tagTimesGet(ctx, c, u, nil, what)
		if err != nil {
			return nil, err
		}
		switch {
		case status == http.StatusNotFound:
			return nil, core.Errorf(core.ErrNotFound, "quay.io has no public repository %s (404): its API answers only for public repositories without a login", repo.RepositoryStr())
		case status == http.StatusUnauthorized || status == http.StatusForbidden:
			return nil, core.Errorf(core.ErrUnauthorized, "quay.io refused the tags of %s (%d): its API answers only for public repositories without a login", repo.RepositoryStr(), status)
		case status != http.StatusOK:
			return nil, tagTimesStatus(status, h, what)
		}
		var p quayTags
		if err := json.Unmarshal(body, &p); err != nil {
			return nil, core.Errorf(core.ErrUnavailable, "%s: the answer is no JSON page of tags: %v", what, err)
		}
		for _, tg := range p.Tags {
			if at := time.Unix(tg.StartTS, 0).UTC(); tg.Name != "" && tg.StartTS > 0 && at.After(times[tg.Name]) {
				times[tg.Name] = at
			}
		}
		if !p.HasAdditional {
			return times, nil
		}
	}
	e.log.Warn("tag times: stopped paging, further tags left out", "repository", repo.String(), "pages", tagTimesPages)
	return times, nil
}
