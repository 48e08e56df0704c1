package infra

import (
	"slices"
	"strings"

	"github.com/imagesync/imagesync/adapters/registry"
	"github.com/imagesync/imagesync/adapters/registry/creds"
	"github.com/imagesync/imagesync/core"
)

// Hosts lists the registry hosts the configuration names: those of the
// jobs' sources and targets, the push rules' registries and targets, the
// static logins, the TLS entries and events.host, sorted, each once.
// A host written as a template (${...}) or a glob is left out.
func (c Config) Hosts() []string {
	var out []string
	add := func(ref string) {
		host, path, ok := strings.Cut(ref, "/")
		if ok && !strings.ContainsAny(host, ".:") && host != "localhost" {
			host = "docker.io" // docker.io/library/alpine written alpine, team/app
		}
		if host == "" || strings.ContainsAny(host, "${}*?[") || (!ok && path != "") {
			return
		}
		if !slices.Contains(out, host) {
			out = append(out, host)
		}
	}
	// addRef adds the host of an image reference: "alpine" and
	// "busybox:latest" are Docker Hub's (regsync and image-syncer files
	// name them so); a template is cut at its first '/'.
	addRef := func(ref string) {
		if r, reason := core.ParseReference(ref); reason == "" {
			add(r.Registry)
		} else if w, reason := core.ParseWildcard(ref); reason == "" {
			add(w.Registry)
		} else {
			add(ref)
		}
	}
	targets := func(ts []core.TargetTemplate) {
		for _, t := range ts {
			addRef(t.Image)
		}
	}
	for _, j := range c.Jobs {
		for _, s := range j.Sources {
			addRef(s)
		}
		targets(j.Targets)
	}
	for _, r := range c.OnPush {
		add(r.Match.Registry)
		targets(r.Targets)
	}
	for _, l := range c.Registry.Credentials {
		add(l.Host)
	}
	for _, h := range c.Registry.Hosts {
		add(h.Host)
	}
	add(c.Events.Host)
	slices.Sort(out)
	return out
}

// CredentialSource says which login the registry engine uses for host, in
// the order registryEngine asks: a static login of registry.credentials,
// then the host's cloud login (SWR, ACR EE, ECR, Google), then docker's
// config.json and its helpers (which answer first for a cloud host they
// cover), else anonymous. getenv tells whether keys are in the
// environment here.
func (c Config) CredentialSource(host string, getenv func(string) string) string {
	for _, l := range c.Registry.Credentials {
		if l.Host == host {
			return "static login " + staticLogin(l)
		}
	}
	docker, anonymous := "docker config.json or its helper if it has the host, else ", "docker config.json and its credential helpers, else anonymous"
	if c.Registry.DockerConfig != nil && !*c.Registry.DockerConfig {
		docker, anonymous = "", "anonymous (registry.dockerConfig: false)"
	}
	switch {
	case isSWR(host):
		if _, ok := creds.HuaweiKeysFromEnv(getenv); ok {
			return "SWR login (CreateSecret) signed with the Huawei keys in the environment"
		}
		return docker + "SWR login signed with FunctionGraph's agency keys of the invocation, else Huawei's SDK chain"
	case (&creds.ACR{}).Serves(host):
		if _, ok := creds.AlibabaKeysFromEnv(getenv); ok {
			return "ACR EE login (GetAuthorizationToken) signed with the Alibaba keys in the environment or FC's STS keys"
		}
		return docker + "ACR EE login signed with FC's STS keys of the invocation, else Alibaba's SDK chain"
	case isECR(host):
		return docker + "ECR login (GetAuthorizationToken) with the AWS SDK's default chain (Lambda's role)"
	case registry.GoogleHost(host):
		return docker + "Google Application Default Credentials (the function's service account)"
	}
	return anonymous
}

func staticLogin(l registry.Credential) string {
	switch {
	case l.Helper != "":
		return "(credential helper " + l.Helper + ")"
	case l.PasswordEnv != "":
		return "(" + l.Username + ", password from $" + l.PasswordEnv + ")"
	case l.PasswordFile != "":
		return "(" + l.Username + ", password from " + l.PasswordFile + ")"
	}
	return "(" + l.Username + ")"
}
