package core

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// Policy is an allowlist: the sources and targets a principal (an API key)
// or the configured triggers may name. An endpoint is allowed when it
// matches at least one entry of its side; a side with no entries allows
// nothing ({} allows everything). A nil *Policy restricts nothing.
type Policy struct {
	Name    string  `json:"-"` // the key it is configured under, named in refusals
	Sources []Allow `json:"sources,omitempty"`
	Targets []Allow `json:"targets,omitempty"`
}

// Allow matches endpoints. Every field set must match; globs follow
// MatchGlob ('*' stays within a segment, "**" spans segments).
type Allow struct {
	Engine     string `json:"engine,omitempty"`     // registry, acr, swr or hss
	Registry   string `json:"registry,omitempty"`   // image host[:port] glob; cloud endpoints have none
	Region     string `json:"region,omitempty"`     // cloud region glob
	Repository string `json:"repository,omitempty"` // repository path glob (namespace/repository for acr, swr)
}

// Validate checks the globs and engines of every entry.
func (p Policy) Validate() error {
	v := &ValidationError{}
	for _, side := range []struct {
		name string
		list []Allow
	}{{"sources", p.Sources}, {"targets", p.Targets}} {
		for i, a := range side.list {
			path := side.name + "[" + strconv.Itoa(i) + "]"
			if a.Engine != "" && !slices.Contains(engineNames, a.Engine) {
				v.Add(path+".engine", "must be one of registry, acr, swr, hss")
			}
			v.Add(path+".registry", CheckGlob(a.Registry))
			v.Add(path+".region", CheckGlob(a.Region))
			v.Add(path+".repository", CheckGlob(a.Repository))
		}
	}
	return v.Err()
}

// Check returns an ErrForbidden naming the policy and the side that
// refused req, or nil.
func (p *Policy) Check(req SyncRequest) error {
	if p == nil {
		return nil
	}
	if !req.Source.IsZero() && !allowed(p.Sources, req.Source) {
		return p.refuse("source", req.Source, len(p.Sources))
	}
	if !allowed(p.Targets, req.Target) {
		return p.refuse("target", req.Target, len(p.Targets))
	}
	return nil
}

func (p *Policy) refuse(side string, e Endpoint, n int) error {
	return Errorf(ErrForbidden, "policy %s refuses %s %s: it matches none of the policy's %d %s rules",
		strconv.Quote(p.Name), side, e, n, side)
}

func allowed(list []Allow, e Endpoint) bool {
	host, region, repo := policyCoordinates(e)
	for _, a := range list {
		if (a.Engine == "" || a.Engine == e.Kind()) &&
			(a.Registry == "" || host != "" && MatchGlob(a.Registry, host)) &&
			(a.Region == "" || region != "" && MatchGlob(a.Region, region)) &&
			MatchGlob(a.Repository, repo) {
			return true
		}
	}
	return false
}

// policyCoordinates are what an Allow matches an endpoint by.
func policyCoordinates(e Endpoint) (host, region, repo string) {
	if ref, ok := e.Ref(); ok {
		return ref.Registry, "", ref.Repository
	}
	repo = e.Namespace
	if e.Repository != "" {
		repo += "/" + e.Repository
	}
	return "", e.Region, repo
}

// WithTriggerPolicy bounds the syncs that push rules and jobs start (nil,
// the default: unrestricted).
func WithTriggerPolicy(p *Policy) Option { return func(s *Service) { s.sec.triggers = p } }

// check is the admission check Sync makes after validation and before any
// engine is called: metadata hosts, the caller's policy, the triggers'.
func (g *guard) check(ctx context.Context, req SyncRequest) error {
	if err := g.hosts(req); err != nil {
		return err
	}
	if p, ok := PrincipalFrom(ctx); ok {
		if err := p.Policy.Check(req); err != nil {
			return fmt.Errorf("principal %s: %w", p.Name, err)
		}
	}
	if fromTriggers(ctx) {
		return g.triggers.Check(req)
	}
	return nil
}

// ruleUserInfo is the answer to a reference that carries credentials.
const ruleUserInfo = "credentials (user:password@) in image references are refused; configure registry credentials instead"

// refSecrets refuses image references that carry credentials as URL user
// info or a URL scheme, before anything else looks at them, so that the
// value is never parsed into a message, a log line or a task. The reason
// never repeats the reference.
func refSecrets(req SyncRequest) error {
	v := &ValidationError{}
	v.Add("source.image", imageSecretRule(req.Source.Image))
	v.Add("target.image", imageSecretRule(req.Target.Image))
	return v.Err()
}

func imageSecretRule(s string) string {
	if s == "" {
		return ""
	}
	if i := strings.Index(s, "://"); i >= 0 {
		s = s[i+3:]
		if !strings.Contains(s[:hostEnd(s)], "@") {
			return "image references have no URL scheme: write host/path:tag"
		}
	}
	if strings.Contains(s[:hostEnd(s)], "@") {
		return ruleUserInfo
	}
	return ""
}

// hostEnd is the index of the first '/' in s, or len(s).
func hostEnd(s string) int {
	if i := strings.IndexByte(s, '/'); i >= 0 {
		return i
	}
	return len(s)
}
