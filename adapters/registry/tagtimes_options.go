package registry

import (
	"context"
	"net/url"
	"slices"
	"strings"
	"time"
)

// DefaultDockerHubAPI is where TagTimes asks Docker Hub when its tags were
// pushed.
const DefaultDockerHubAPI = "https://hub.docker.com"

// WithDockerHubAPI sets the base URL of Docker Hub's API (default
// DefaultDockerHubAPI), which TagTimes asks for repositories of docker.io,
// e.g. an emulator in tests. It is asked without credentials. A URL that
// is not http(s)://host[/path] is refused.
func WithDockerHubAPI(url string) Option {
	return func(e *Engine) error {
		if err := checkAPI("WithDockerHubAPI", url); err != nil {
			return err
		}
		e.hubAPI = strings.TrimRight(url, "/")
		return nil
	}
}

// checkAPI refuses a base URL that is not http(s)://host[/path].
func checkAPI(option, s string) error {
	u, err := url.Parse(s)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return invalidOption(option, "%q is not an http(s) URL", s)
	}
	return nil
}

// TagTimeSource tells when tags were pushed for the registries it serves,
// through a cloud's own API (creds.ECRTagTimes: ECR's DescribeImages).
type TagTimeSource interface {
	Serves(host string) bool
	// TagTimes maps each tag of repository (a path on host) to its push time.
	TagTimes(ctx context.Context, host, repository string) (map[string]time.Time, error)
}

// WithTagTimes adds sources of push times, asked by TagTimes before Docker
// Hub's and Harbor's APIs for the hosts they serve. A nil source is
// refused.
func WithTagTimes(s ...TagTimeSource) Option {
	return func(e *Engine) error {
		if slices.Contains(s, nil) {
			return invalidOption("WithTagTimes", "nil source")
		}
		e.tagSources = append(e.tagSources, s...)
		return nil
	}
}
