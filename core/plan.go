package core

import (
	"slices"
	"sort"
	"strconv"
	"strings"
)

// request expands one target for a source and validates the result. reason
// is "" or why no request could be made (fit to show an operator).
func request(source Endpoint, t TargetTemplate, vars Vars) (SyncRequest, string) {
	target, reasons := t.Expand(vars)
	backup, reason := t.expandBackup(vars)
	if reason != "" {
		reasons["backup"] = reason
	}
	if len(reasons) > 0 {
		return SyncRequest{}, joinReasons(reasons)
	}
	req := SyncRequest{Source: source, Target: target, Override: t.Override, Engine: t.Via,
		After: append([]string(nil), t.After...), Platforms: append([]string(nil), t.Platforms...), Backup: backup}
	if err := req.Validate(); err != nil {
		return SyncRequest{}, err.Error()
	}
	return req, ""
}

func joinReasons(m map[string]string) string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	parts := make([]string, len(keys))
	for i, k := range keys {
		parts[i] = k + ": " + m[k]
	}
	return strings.Join(parts, "; ")
}

// sampleVars stand in for a real image when templates are checked at load.
func sampleVars() Vars {
	v := VarsOf("registry.example.com", "team/app", "v1.0.0", "sha256:"+strings.Repeat("0", 64))
	v["region"], v["instance"], v["account"] = "cn-north-4", "cri-sample0", "1234567890"
	return v
}

// checkTarget expands t with sample values and records, under path (e.g.
// "targets[0]"), every problem the expanded request would have.
func checkTarget(v *ValidationError, path string, source Endpoint, t TargetTemplate) {
	target, reasons := t.Expand(sampleVars())
	backup, reason := t.expandBackup(sampleVars())
	if reason != "" {
		reasons["backup"] = reason
	}
	for _, k := range sortedKeys(reasons) {
		v.Add(path+"."+k, reasons[k])
	}
	if len(reasons) > 0 {
		return
	}
	req := SyncRequest{Source: source, Target: target, Override: t.Override, Engine: t.Via, After: t.After, Platforms: t.Platforms, Backup: backup}
	if t.Via != "" && slices.Contains(engineNames, t.Via) && checkRoute(t.Via, req) != nil {
		v.Add(path+".via", "engine "+t.Via+" cannot sync "+source.Kind()+" to "+target.Kind())
	}
	err := req.Validate()
	if err == nil {
		return
	}
	for _, f := range err.(*ValidationError).Fields {
		switch {
		case f.Field == "target" || strings.HasPrefix(f.Field, "target."):
			v.Add(path+strings.TrimPrefix(f.Field, "target"), f.Reason)
		case f.Field == "engine":
			v.Add(path+".via", f.Reason)
		case strings.HasPrefix(f.Field, "after"), f.Field == "platforms", f.Field == "backup":
			v.Add(path+"."+f.Field, f.Reason)
		default: // the source: reported by the caller's own source check
		}
	}
}

func sortedKeys(m map[string]string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

func index(path string, i int) string { return path + "[" + strconv.Itoa(i) + "]" }
