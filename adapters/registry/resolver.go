package registry

import (
	"context"
	"fmt"

	"github.com/imagesync/imagesync/core"
)

// Resolver turns cloud coordinates ({"engine": "swr", ...}) into a plain
// image reference host/namespace/repository[:tag][@digest].
type Resolver interface {
	Resolve(ctx context.Context, ep core.Endpoint) (string, error)
}

// HostFunc names the registry host of an endpoint's cloud coordinates.
type HostFunc func(ctx context.Context, ep core.Endpoint) (string, error)

// Hosts resolves endpoints with one HostFunc per engine name.
type Hosts map[string]HostFunc

// Resolve joins the endpoint's host, namespace, repository, tag and digest.
func (h Hosts) Resolve(ctx context.Context, ep core.Endpoint) (string, error) {
	f, ok := h[ep.Engine]
	if !ok {
		return "", unreachable("endpoint", ep)
	}
	host, err := f(ctx, ep)
	if err != nil {
		return "", fmt.Errorf("resolving the registry of %s: %w", ep, err)
	}
	if ep.Namespace == "" || ep.Repository == "" {
		return "", core.Errorf(core.ErrInvalid, "%s: namespace and repository are required", ep)
	}
	s := host + "/" + ep.Namespace + "/" + ep.Repository
	if ep.Tag != "" {
		s += ":" + ep.Tag
	}
	if ep.Digest != "" {
		s += "@" + ep.Digest
	}
	return s, nil
}

// SWRRegionHost is the SWR registry host of the endpoint's region,
// swr.<region>.myhuaweicloud.com (creds.SWRHost parses one back).
func SWRRegionHost(_ context.Context, ep core.Endpoint) (string, error) {
	if ep.Region == "" {
		return "", core.Errorf(core.ErrInvalid, "%s: region is required", ep)
	}
	return "swr." + ep.Region + ".myhuaweicloud.com", nil
}

// StaticHosts resolves by a fixed key → host table: the key is the
// endpoint's Instance (ACR EE: cri-… → <name>-registry.<region>.cr.aliyuncs.com)
// or, failing that, its Region.
func StaticHosts(m map[string]string) HostFunc {
	return func(_ context.Context, ep core.Endpoint) (string, error) {
		if h, ok := m[ep.Instance]; ok && ep.Instance != "" {
			return h, nil
		}
		if h, ok := m[ep.Region]; ok && ep.Region != "" {
			return h, nil
		}
		return "", core.Errorf(core.ErrInvalid, "%s: no registry host configured for instance %q / region %q", ep, ep.Instance, ep.Region)
	}
}

var _ core.RepoResolver = (*Engine)(nil)

// ResolveRepository names the repository (host/path) of ACR EE or SWR
// coordinates through the engine's resolver (WithResolver), tag and digest
// left out: jobs prune targets given as coordinates through it.
func (e *Engine) ResolveRepository(ctx context.Context, ep core.Endpoint) (string, error) {
	ep.Tag, ep.Digest = "", ""
	p, err := e.plain(ctx, "target", ep)
	if err != nil {
		return "", err
	}
	return p.Image, nil
}
