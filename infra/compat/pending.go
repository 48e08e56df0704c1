package compat

// ready says which imagesync settings this build has, among those that
// some regsync keys map onto and that are being added: a key whose target
// setting is missing is refused as "not yet supported".
var ready = struct {
	registryType bool // jobs[].sources host/**: every repository of a registry
}{}

// notYet is the reason of a key whose imagesync setting is missing.
func notYet(what string) string { return "not yet supported: " + what }
