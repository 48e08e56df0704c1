package core

import (
	"slices"
	"strconv"
)

// Validate checks every field of a request and returns a *ValidationError
// listing every problem found, or nil.
func (r SyncRequest) Validate() error {
	v := &ValidationError{}
	hssTarget := r.Target.Kind() == EngineHSS
	switch {
	case r.Source.IsZero() && !hssTarget:
		v.Add("source", "required")
	case !r.Source.IsZero():
		validateEndpoint(v, "source", r.Source, true)
	}
	if r.Target.IsZero() {
		v.Add("target", "required")
	} else {
		validateEndpoint(v, "target", r.Target, false)
	}
	if r.Engine != "" && !slices.Contains(engineNames, r.Engine) {
		v.Add("engine", "must be one of registry, acr, swr, hss")
	}
	for i, a := range r.After {
		if a != EngineHSS {
			v.Add("after["+strconv.Itoa(i)+"]", "must be hss")
		}
	}
	v.Add("platforms", CheckPlatforms(r.Platforms))
	if r.filtersPlatforms() && hssTarget {
		v.Add("platforms", "an hss target copies nothing: platforms apply to copies")
	}
	r.checkBackup(v)
	return v.Err()
}

var engineNames = []string{EngineRegistry, EngineACR, EngineSWR, EngineHSS}

func validateEndpoint(v *ValidationError, path string, e Endpoint, source bool) {
	if e.Image != "" {
		if e.Engine != "" && e.Engine != EngineRegistry {
			v.Add(path+".engine", "an image reference cannot also name engine "+e.Engine)
		}
		validateImage(v, path, e, source)
		return
	}
	switch e.Engine {
	case "", EngineRegistry:
		v.Add(path+".image", "required")
	case EngineACR:
		validateACR(v, path, e, source)
	case EngineSWR:
		validateSWR(v, path, e, source)
	case EngineHSS:
		validateHSS(v, path, e, source)
	default:
		v.Add(path+".engine", "must be acr, swr or hss (or use image for a plain reference)")
	}
}

func validateImage(v *ValidationError, path string, e Endpoint, source bool) {
	ref, reason := ParseReference(e.Image)
	if reason != "" {
		v.Add(path+".image", reason)
		return
	}
	if source && ref.Tag == "" && ref.Digest == "" {
		v.Add(path+".image", "a source needs a tag or a digest")
	}
	if !source && ref.Digest != "" {
		v.Add(path+".image", "a target is named by tag; its digest comes from the source")
	}
}

// validateTagDigest checks the tag and digest of a cloud endpoint: a source
// needs one of them; a target's tag defaults to the source's.
func validateTagDigest(v *ValidationError, path string, e Endpoint, source, digestOK bool) {
	if e.Tag != "" {
		v.Add(path+".tag", CheckTag(e.Tag))
	}
	if e.Digest != "" && !digestOK {
		v.Add(path+".digest", "this engine syncs tags; name the image by tag")
	} else if e.Digest != "" {
		v.Add(path+".digest", CheckDigest(e.Digest))
	}
	if source && e.Tag == "" && (e.Digest == "" || !digestOK) {
		v.Add(path+".tag", "required")
	}
}

func validateACR(v *ValidationError, path string, e Endpoint, source bool) {
	v.Add(path+".region", CheckAlibabaRegion(e.Region))
	v.Add(path+".instance", CheckACRInstance(e.Instance))
	v.Add(path+".namespace", CheckACRNamespace(e.Namespace))
	v.Add(path+".repository", CheckACRRepository(e.Repository))
	if e.Account != "" {
		v.Add(path+".account", CheckAlibabaAccount(e.Account))
	}
	validateTagDigest(v, path, e, source, false)
	noHSSFields(v, path, e)
}

func validateSWR(v *ValidationError, path string, e Endpoint, source bool) {
	v.Add(path+".region", CheckHuaweiRegion(e.Region))
	v.Add(path+".namespace", CheckSWRNamespace(e.Namespace))
	v.Add(path+".repository", CheckSWRRepository(e.Repository))
	if e.Instance != "" || e.Account != "" {
		v.Add(path+".instance", "SWR endpoints have no instance or account")
	}
	validateTagDigest(v, path, e, source, false)
	noHSSFields(v, path, e)
}

func noHSSFields(v *ValidationError, path string, e Endpoint) {
	if e.Project != "" || len(e.Registries) > 0 || e.All {
		v.Add(path+".project", "project, registries and all belong to hss targets only")
	}
}

func validateHSS(v *ValidationError, path string, e Endpoint, source bool) {
	if source {
		v.Add(path+".engine", "hss copies nothing: it can only be a target")
		return
	}
	v.Add(path+".project", match(hssIDPattern, e.Project, 1, 128, "Huawei project id of letters, digits, '_', '.', '-'"))
	if e.Region != "" {
		v.Add(path+".region", CheckHuaweiRegion(e.Region))
	}
	if e.EnterpriseProject != "" {
		v.Add(path+".enterpriseProject", match(hssIDPattern, e.EnterpriseProject, 1, 128, "enterprise project id of letters, digits, '_', '.', '-'"))
	}
	switch {
	case e.All && len(e.Registries) > 0:
		v.Add(path+".registries", "give registries or all, not both")
	case !e.All && len(e.Registries) == 0:
		v.Add(path+".registries", "required (or all: true)")
	}
	for i, r := range e.Registries {
		p := path + ".registries[" + strconv.Itoa(i) + "]"
		v.Add(p+".id", match(hssIDPattern, r.ID, 1, 128, "registry id of letters, digits, '_', '.', '-'"))
		if !slices.Contains(HSSRegistryTypes, r.Type) {
			v.Add(p+".type", "must be one of SwrPrivate, SwrShared, SwrEnterprise, Harbor, Jfrog, Other")
		}
	}
	if e.Namespace != "" || e.Repository != "" || e.Tag != "" || e.Instance != "" {
		v.Add(path+".namespace", "hss targets name registries, not images")
	}
}
