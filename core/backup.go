package core

// A target may keep what a sync replaces, as regsync's backup does: before
// the registry engine writes over a target tag that holds another digest,
// it tags that digest Backup in the target repository. In a job target
// Backup is a tag template (bkup-${tag}); in a request, the tag. Only a
// sync with Override replaces a tag, and only the registry engine keeps a
// backup.

// checkBackup records the problems of r's backup tag.
func (r SyncRequest) checkBackup(v *ValidationError) {
	if r.Backup == "" {
		return
	}
	v.Add("backup", CheckTag(r.Backup))
	if !r.Override {
		v.Add("backup", "a backup keeps a target tag the sync replaces: it needs override")
	}
	if Route(r) != EngineRegistry {
		v.Add("backup", "backups are kept by the registry engine: send the sync through it (via: registry)")
	}
}

// expandBackup is t's backup tag for an image of vars ("" for none).
func (t TargetTemplate) expandBackup(vars Vars) (string, string) {
	if t.Backup == "" {
		return "", ""
	}
	return expandString(t.Backup, vars, true)
}
