package core

// SyncRequest asks for the image at Source to be at Target.
type SyncRequest struct {
	Source Endpoint `json:"source"`
	Target Endpoint `json:"target"`
	// Override replaces a target tag that holds a different digest. Without
	// it such a sync fails with ErrConflict and leaves the target untouched.
	Override bool `json:"override,omitempty"`
	// DryRun validates, routes and compares, but changes nothing.
	DryRun bool `json:"dryRun,omitempty"`
	// Engine forces an engine ("registry", "acr", "swr", "hss").
	Engine string `json:"engine,omitempty"`
	// After names engines to run once the sync has succeeded, with the
	// target as their source: "hss" refreshes HSS's inventory of it.
	After []string `json:"after,omitempty"`
	// Platforms, when set, copies only these platforms (os/arch[/variant])
	// of a source index, through the registry engine; the target's index
	// then differs from the source's. ["all"] copies the whole index
	// whatever the engine's default. Empty: the engine's default.
	Platforms []string `json:"platforms,omitempty"`
	// Backup, with Override, first tags the digest a replaced target tag
	// held as this tag in the target repository (backup.go).
	Backup string `json:"backup,omitempty"`
}
