package infra

import (
	"testing"

	"github.com/imagesync/imagesync/core"
)

// FuzzLoad runs the configuration parser (strict YAML decoding, the
// environment, validation of every section) over arbitrary documents: no
// panic, and every problem is an ErrInvalid.
func FuzzLoad(f *testing.F) {
	for _, s := range []string{
		"log: {level: debug}\nregistry: {jobs: 4}\n",
		"auth:\n  signing: [{name: ci, secrets: [{secretEnv: K}]}]\n  tokens: [{name: t, sha256: 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08}]\n",
		"webhooks: {distribution: {secrets: [{secretEnv: K}]}}\npolicy: {rules: {a: {sources: [{}]}}, triggers: a}\n",
		"onPush: [{name: m, match: {repository: '**'}, targets: [{image: 'd.io/${path}:${tag}'}]}]\n",
		"jobs: [{name: j, sources: [r.io/a], tags: {semver: '>=1'}, targets: [{image: 'd.io/a:${tag}'}]}]\n",
		"limits: {requestTimeout: 5s, concurrentSyncs: 2}\nacr: {connectTimeout: 3s}\n",
		"[1, 2", "a: &a [*a]", "auth: {window: forever}",
	} {
		f.Add([]byte(s))
	}
	getenv := func(k string) string { return map[string]string{"K": "a-secret-of-enough-length"}[k] }
	f.Fuzz(func(t *testing.T, raw []byte) {
		cfg, err := parse("fuzz.yaml", raw, getenv)
		if err != nil && !core.IsKind(err, core.ErrInvalid) {
			t.Fatalf("kind %s: %v", core.KindOf(err), err)
		}
		_ = cfg.securityOptions()
	})
}
