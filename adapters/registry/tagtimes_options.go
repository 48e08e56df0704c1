package registry

import (
	"context"
	"strings"
	"time"
)

// DefaultDockerHubAPI is where TagTimes asks Docker Hub when its tags were
// pushed.
const DefaultDockerHubAPI = "https://hub.docker.com"

// WithDockerHubAPI sets the base URL of Docker Hub's API (default
// DefaultDockerHubAPI), which TagTimes asks for repositories of docker.io,
// e.g. an emulator in tests. It is asked without credentials.
func WithDockerHubAPI(url string) Option {
	return func(e *Engine) { e.hubAPI = strings.TrimRight(url, "/") }
}

// TagTimeSource tells when tags were pushed for the registries it serves,
// through a cloud's own API (creds.ECRTagTimes: ECR's DescribeImages).
type TagTimeSource interface {
	Serves(host string) bool
	// TagTimes maps each tag of repository (a path on host) to its push time.
	TagTimes(ctx context.Context, host, repository string) (map[string]time.Time, error)
}

// WithTagTimes adds sources of push times, asked by TagTimes before Docker
// Hub's and Harbor's APIs for the hosts they serve.
func WithTagTimes(s ...TagTimeSource) Option {
	return func(e *Engine) { e.tagSources = append(e.tagSources, s...) }
}
