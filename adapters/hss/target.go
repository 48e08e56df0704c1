package hss

import (
	"slices"

	"github.com/imagesync/imagesync/core"
)

// resolve fills what the target leaves out from the source and the
// configuration. An after-step's target is just {"engine":"hss"}: its
// region comes from an SWR source or Config.Region, its project from
// Config, and its registries from RegistriesByHost (by the source's
// registry host), else Registries, else All.
func (e *Engine) resolve(req core.SyncRequest) (core.Endpoint, error) {
	t := req.Target
	if t.Kind() != core.EngineHSS {
		return core.Endpoint{}, &core.ValidationError{Fields: []core.FieldError{{Field: "target.engine",
			Reason: "the hss engine needs an hss target"}}}
	}
	out := core.Endpoint{Engine: core.EngineHSS, Region: t.Region, Project: t.Project,
		EnterpriseProject: t.EnterpriseProject, Registries: slices.Clone(t.Registries), All: t.All}
	if out.Region == "" && req.Source.Kind() == core.EngineSWR {
		out.Region = req.Source.Region
	}
	if out.Region == "" {
		out.Region = e.cfg.Region
	}
	if out.Project == "" {
		out.Project = e.cfg.project(out.Region)
	}
	if out.EnterpriseProject == "" {
		out.EnterpriseProject = e.cfg.EnterpriseProjectID
	}
	host := sourceHost(req.Source)
	if len(out.Registries) == 0 && !out.All {
		if r, ok := e.cfg.RegistriesByHost[host]; ok && host != "" {
			out.Registries = []core.HSSRegistry{r}
		} else {
			out.Registries, out.All = slices.Clone(e.cfg.Registries), e.cfg.All && len(e.cfg.Registries) == 0
		}
	}
	v := &core.ValidationError{}
	if out.Region == "" {
		v.Add("target.region", "no region: name one, sync from SWR, or configure hss region")
	} else {
		v.Add("target.region", core.CheckHuaweiRegion(out.Region))
	}
	if out.Project == "" {
		v.Add("target.project", "no project: name one or configure hss projectId (or HUAWEICLOUD_SDK_PROJECT_ID)")
	}
	if len(out.Registries) == 0 && !out.All {
		reason := "nothing to refresh: name registries or all: true, or configure hss registries, all or registriesByHost"
		if host != "" {
			reason += " (no registry is configured for host " + host + ")"
		}
		v.Add("target.registries", reason)
	}
	return out, v.Err()
}

// sourceHost is the registry host of the synced image, "" if unknown.
func sourceHost(src core.Endpoint) string {
	if ref, ok := src.Ref(); ok {
		return ref.Registry
	}
	if src.Kind() == core.EngineSWR && src.Region != "" {
		return "swr." + src.Region + ".myhuaweicloud.com"
	}
	return ""
}
