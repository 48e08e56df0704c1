package compat

// ready says which imagesync settings this build has, among those that
// some regsync and image-syncer keys map onto and that are being added:
// a key whose target setting is missing is refused as "not yet supported".
var ready = struct {
	hosts        bool // registry.hosts: TLS mode, CA and client certificate per host
	jobPlatforms bool // jobs[].platforms: platforms per job
	registryType bool // jobs[].sources host/**: every repository of a registry
}{}

// notYet is the reason of a key whose imagesync setting is missing.
func notYet(what string) string { return "not yet supported: " + what }
