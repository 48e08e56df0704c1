package registry

import "strings"

// DefaultDockerHubAPI is where TagTimes asks Docker Hub when its tags were
// pushed.
const DefaultDockerHubAPI = "https://hub.docker.com"

// WithDockerHubAPI sets the base URL of Docker Hub's API (default
// DefaultDockerHubAPI), which TagTimes asks for repositories of docker.io,
// e.g. an emulator in tests. It is asked without credentials.
func WithDockerHubAPI(url string) Option {
	return func(e *Engine) { e.hubAPI = strings.TrimRight(url, "/") }
}
