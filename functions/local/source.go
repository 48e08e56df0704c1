package main

import "github.com/imagesync/imagesync/infra"

// withConfig is getenv where IMAGESYNC_CONFIG reads path: a --config flag
// is an IMAGESYNC_CONFIG given on the command line, first in the lookup
// order of infra.LoadSource (then IMAGESYNC_CONFIG_YAML, then imagesync.yaml
// beside the executable).
func withConfig(getenv func(string) string, path string) func(string) string {
	return func(k string) string {
		if k == infra.EnvConfigPath {
			return path
		}
		return getenv(k)
	}
}
