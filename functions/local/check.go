package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/imagesync/imagesync/core"
	"github.com/imagesync/imagesync/infra"
)

func init() {
	register(&command{
		name:    "check",
		summary: "validate a configuration and print what it makes imagesync do",
		usage:   []string{"[--config FILE] [--deploy]"},
		about: `
Reads the configuration as serve and the functions would (--config, else
IMAGESYNC_CONFIG, IMAGESYNC_CONFIG_YAML, imagesync.yaml beside the binary)
and prints the plan: the engines on, the push rules, each job with its
next three runs (UTC), the auto-syncs, and which login each registry host
named will use. Exit 0, or 2 with every problem listed by its path.
--deploy also applies what the functions need (make build CONFIG=...
runs it): no job due more often than the tick interval.`,
		examples: []string{
			"imagesync check --config imagesync.yaml",
			"# in CI, as make build CONFIG=imagesync.yaml does first",
			"imagesync check --deploy --config imagesync.yaml",
		},
		run: checkCmd,
	})
}

func checkCmd(_ context.Context, c *cli, args []string) int {
	cmd := commands["check"]
	fs := cmd.flags()
	config := fs.String("config", c.getenv(infra.EnvConfigPath), "YAML configuration `FILE` (or regsync's or image-syncer's; default $IMAGESYNC_CONFIG)")
	dialect := dialectFlags(fs)
	deploy := fs.Bool("deploy", false, "also check what the platform functions need")
	if done, code := cmd.parse(c, fs, args, 0, 0); done {
		return code
	}
	cfg, src, err := infra.LoadSource(withConfig(dialect.env(c.getenv), *config))
	absent, err := absentSecrets(err)
	if err != nil {
		fmt.Fprintf(c.stderr, "imagesync check: %v\n", err)
		return exitUsage
	}
	var ve *core.ValidationError
	if *deploy && errors.As(infra.CheckDeploy(cfg), &ve) {
		fmt.Fprintf(c.stderr, "imagesync check: %d problems for the functions\n", len(ve.Fields))
		for _, f := range ve.Fields {
			fmt.Fprintf(c.stderr, "  %s: %s: %s\n", src.From, f.Field, f.Reason)
		}
		return exitUsage
	}
	printPlan(c.stdout, cfg, src, c.getenv, time.Now())
	if t := cfg.Translated; t != nil { // convert.go
		fmt.Fprintf(c.stdout, "translated from %s's configuration (imagesync convert prints it)\n", t.Format)
		for _, n := range t.Notes {
			fmt.Fprintf(c.stdout, "note: %s\n", n)
		}
	}
	for _, p := range absent {
		fmt.Fprintf(c.stdout, "note: %s: %s\n", p.Path, p.Reason)
	}
	return exitOK
}

// absentSecrets takes out of err the secrets that are not here to read (a
// CI runner holds none of the deployment's): notes, not problems. err is
// nil when nothing else was wrong.
func absentSecrets(err error) ([]infra.Problem, error) {
	var ce *infra.ConfigError
	if !errors.As(err, &ce) {
		return nil, err
	}
	var absent, rest []infra.Problem
	for _, p := range ce.Problems {
		if strings.HasSuffix(p.Reason, infra.AbsentSecret) {
			absent = append(absent, p)
		} else {
			rest = append(rest, p)
		}
	}
	if len(rest) > 0 {
		return absent, &infra.ConfigError{Problems: rest}
	}
	return absent, nil
}

// printPlan writes what cfg makes imagesync do, as of now.
func printPlan(w io.Writer, cfg infra.Config, src infra.Source, getenv func(string) string, now time.Time) {
	fmt.Fprintf(w, "config: %s %s\n", src.From, src.Digest)
	fmt.Fprintf(w, "engines: %s\n", strings.Join(enginesOn(cfg), ", "))
	fmt.Fprintf(w, "functions' tick: every %s\n", strings.TrimSuffix(strings.TrimSuffix(cfg.Tick().String(), "0s"), "0m"))
	fmt.Fprintf(w, "push rules: %d\n", len(cfg.OnPush))
	for _, r := range cfg.OnPush {
		fmt.Fprintf(w, "  %s: %s/%s -> %s\n", r.Name, orAny(r.Match.Registry), orAny(r.Match.Repository), targetList(r.Targets))
	}
	fmt.Fprintf(w, "jobs: %d\n", len(cfg.Jobs))
	for _, j := range cfg.Jobs {
		fmt.Fprintf(w, "  %s: %s -> %s\n    %s\n", j.Name, strings.Join(j.Sources, ", "), targetList(j.Targets), runs(j, now))
	}
	fmt.Fprintf(w, "auto-syncs: %d\n", len(cfg.AutoSync))
	for _, a := range cfg.AutoSync {
		fmt.Fprintf(w, "  %s (%s): %s -> %s\n", orAny(a.Name), a.Engine, a.Source, a.Target)
	}
	hosts := cfg.Hosts()
	fmt.Fprintf(w, "logins: %d hosts\n", len(hosts))
	for _, h := range hosts {
		fmt.Fprintf(w, "  %s: %s\n", h, cfg.CredentialSource(h, getenv))
	}
}

// runs says when job j runs: its next three runs, in UTC.
func runs(j core.Job, now time.Time) string {
	if j.Schedule == "" {
		return "no schedule: every tick of the functions; under serve when asked (POST /v1/ticks, imagesync once)"
	}
	next, err := infra.NextRuns(j.Schedule, now, 3)
	if err != nil { // refused at load: not reached
		return "schedule " + j.Schedule + ": " + err.Error()
	}
	times := make([]string, len(next))
	for i, t := range next {
		times[i] = t.Format("2006-01-02 15:04:05 UTC")
	}
	return fmt.Sprintf("schedule %q: next %s", j.Schedule, strings.Join(times, ", "))
}

func enginesOn(cfg infra.Config) []string {
	var on []string
	if !cfg.Registry.Disabled {
		on = append(on, core.EngineRegistry)
	}
	for name, present := range map[string]bool{core.EngineACR: cfg.ACR != nil, core.EngineSWR: cfg.SWR != nil, core.EngineHSS: cfg.HSS != nil} {
		if present {
			on = append(on, name)
		}
	}
	return sortedFrom(on, core.EngineRegistry, core.EngineACR, core.EngineSWR, core.EngineHSS)
}

// sortedFrom keeps the names of order that are in names, in that order.
func sortedFrom(names []string, order ...string) []string {
	var out []string
	for _, o := range order {
		for _, n := range names {
			if n == o {
				out = append(out, n)
			}
		}
	}
	return out
}

func targetList(ts []core.TargetTemplate) string {
	out := make([]string, len(ts))
	for i, t := range ts {
		out[i] = t.Endpoint.String()
	}
	return strings.Join(out, ", ")
}

func orAny(s string) string {
	if s == "" {
		return "*"
	}
	return s
}
