package main

import (
	"context"
	"fmt"
	"runtime"
	"runtime/debug"
)

func init() {
	register(&command{
		name:    "version",
		summary: "print the module version, VCS revision and time, and Go version",
		usage:   []string{"[--output text|json]"},
		about: `
Prints what the binary was built from, as Go recorded it: the module
version (a pseudo-version of the commit, or (devel) without VCS data), the
VCS revision and commit time, whether the tree had uncommitted changes, and
the Go version and platform. 'make build' stamps the revision; a plain 'go build' does so in a
git checkout unless -buildvcs=false.`,
		examples: []string{"imagesync version", "imagesync version --output json | jq -r .revision"},
		run:      versionCmd,
	})
}

// buildVersion is what the binary was built from.
type buildVersion struct {
	Version  string `json:"version"`
	Revision string `json:"revision,omitempty"`
	Time     string `json:"time,omitempty"`
	Modified bool   `json:"modified,omitempty"`
	Go       string `json:"go"`
	Platform string `json:"platform"`
}

func versionCmd(_ context.Context, c *cli, args []string) int {
	cmd := commands["version"]
	fs := cmd.flags()
	output := outputFlag(fs, "text")
	if done, code := cmd.parse(c, fs, args, 0, 0); done {
		return code
	}
	v := readVersion(debug.ReadBuildInfo)
	if output.json(c.stdout) {
		writeJSON(c.stdout, v)
		return exitOK
	}
	fmt.Fprintf(c.stdout, "imagesync %s\n", v.Version)
	if v.Revision != "" {
		rev := v.Revision
		if v.Modified {
			rev += " (modified)"
		}
		fmt.Fprintf(c.stdout, "  revision  %s\n", rev)
	}
	if v.Time != "" {
		fmt.Fprintf(c.stdout, "  time      %s\n", v.Time)
	}
	fmt.Fprintf(c.stdout, "  go        %s %s\n", v.Go, v.Platform)
	return exitOK
}

// readVersion reads the build information Go stamps into the binary.
func readVersion(read func() (*debug.BuildInfo, bool)) buildVersion {
	v := buildVersion{Version: "unknown", Go: runtime.Version(), Platform: runtime.GOOS + "/" + runtime.GOARCH}
	info, ok := read()
	if !ok {
		return v
	}
	if info.Main.Version != "" {
		v.Version = info.Main.Version
	}
	if info.GoVersion != "" {
		v.Go = info.GoVersion
	}
	for _, s := range info.Settings {
		switch s.Key {
		case "vcs.revision":
			v.Revision = s.Value
		case "vcs.time":
			v.Time = s.Value
		case "vcs.modified":
			v.Modified = s.Value == "true"
		}
	}
	return v
}
