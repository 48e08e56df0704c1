package core

import "strings"

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
