package swr

import "github.com/imagesync/imagesync/core"

// checkPair refuses what SWR's sync cannot do: anything but SWR to SWR, a
// renamed repository (SWR syncs into the same repository name in the
// target namespace), a renamed tag, and a sync onto itself.
func checkPair(src, dst core.Endpoint, tagged bool) error {
	v := &core.ValidationError{}
	if src.Kind() != core.EngineSWR {
		v.Add("source.engine", "the swr engine syncs from swr endpoints only")
	}
	if dst.Kind() != core.EngineSWR {
		v.Add("target.engine", "the swr engine syncs to swr endpoints only")
	}
	if err := v.Err(); err != nil {
		return err
	}
	v.Add("source.region", core.CheckHuaweiRegion(src.Region))
	v.Add("source.namespace", core.CheckSWRNamespace(src.Namespace))
	v.Add("source.repository", core.CheckSWRRepository(src.Repository))
	v.Add("target.region", core.CheckHuaweiRegion(dst.Region))
	v.Add("target.namespace", core.CheckSWRNamespace(dst.Namespace))
	if dst.Repository != "" && dst.Repository != src.Repository {
		v.Add("target.repository", "SWR syncs into the same repository name in the target namespace: "+
			"use "+src.Repository+" (or leave it out)")
	}
	if tagged {
		v.Add("source.tag", core.CheckTag(src.Tag))
		if dst.Tag != "" && dst.Tag != src.Tag {
			v.Add("target.tag", "SWR keeps the tag when it syncs: use "+src.Tag+" (or leave it out), "+
				"or force engine registry to copy under another tag")
		}
		if src.Digest != "" {
			v.Add("source.digest", "SWR syncs tags; name the image by tag")
		}
	}
	if src.Region == dst.Region && src.Namespace == dst.Namespace {
		v.Add("target", "source and target are the same repository")
	}
	return v.Err()
}
