package registry

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/google/go-containerregistry/pkg/name"
	"github.com/google/go-containerregistry/pkg/v1/remote/transport"
	"github.com/imagesync/imagesync/core"
)

// GoogleHost reports whether host is Artifact Registry (*-docker.pkg.dev)
// or Container Registry (gcr.io, *.gcr.io): Google's registries, whose tag
// lists say when each manifest was uploaded and whose logins are Google
// access tokens (creds.Google).
func GoogleHost(host string) bool {
	return strings.HasSuffix(host, "-docker.pkg.dev") || host == "gcr.io" || strings.HasSuffix(host, ".gcr.io")
}

// googleTags is Google's tag list: the distribution API's, plus, per
// manifest digest, its tags and upload time (milliseconds since the epoch).
type googleTags struct {
	Manifests map[string]struct {
		Tags     []string `json:"tag"`
		Uploaded string   `json:"timeUploadedMs"`
		Created  string   `json:"timeCreatedMs"`
	} `json:"manifest"`
}

// googleTagTimes reads push times from the tag list of Artifact Registry
// or Container Registry, with the registry's own login: a tag's time is
// its manifest's timeUploadedMs.
func (e *Engine) googleTagTimes(ctx context.Context, repo name.Repository) (map[string]time.Time, error) {
	what := "tags of " + repo.String()
	rc, err := e.clients.repo(ctx, repo, []string{transport.PullScope})
	if err != nil {
		return nil, classify(err, what)
	}
	times := map[string]time.Time{}
	err = rc.tagPages(ctx, func(body []byte) error {
		var page googleTags
		if err := json.Unmarshal(body, &page); err != nil {
			return fmt.Errorf("tag list: %w", err)
		}
		for _, m := range page.Manifests {
			at, ok := msTime(m.Uploaded, m.Created)
			for _, tag := range m.Tags {
				if ok && at.After(times[tag]) {
					times[tag] = at
				}
			}
		}
		return nil
	})
	if err != nil {
		return nil, classify(err, what)
	}
	if len(times) == 0 {
		return nil, core.Errorf(core.ErrInvalid, "%s: the tag list of %s says no upload times: order by semver instead", what, repo.RegistryStr())
	}
	return times, nil
}

// msTime is the first of the times, in milliseconds since the epoch, that
// is set and valid.
func msTime(values ...string) (time.Time, bool) {
	for _, v := range values {
		if ms, err := strconv.ParseInt(v, 10, 64); err == nil && ms > 0 {
			return time.UnixMilli(ms).UTC(), true
		}
	}
	return time.Time{}, false
}
