package core_test

import (
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/imagesync/imagesync/core"
)

// FuzzParseReference: no panic; an accepted reference has a registry and a
// repository, and its canonical form parses to itself.
func FuzzParseReference(f *testing.F) {
	for _, s := range []string{"nginx", "r.io/a/b:v1", "localhost:5000/x@sha256:" + strings.Repeat("a", 64),
		"[::1]:5000/a:b", "user:pw@r.io/a", "169.254.169.254/latest/meta-data", "a/../b", "ｍirror.io/a"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		ref, reason := core.ParseReference(s)
		if reason != "" {
			return
		}
		if ref.Registry == "" || ref.Repository == "" {
			t.Fatalf("%q: accepted without registry or repository: %+v", s, ref)
		}
		again, reason := core.ParseReference(ref.String())
		if reason != "" || again != ref {
			t.Fatalf("%q: canonical %q reparses to %+v (%s)", s, ref.String(), again, reason)
		}
		_ = core.BlockedHost(ref.Registry)
	})
}

// FuzzSyncRequest decodes arbitrary JSON into a request and runs it
// through validation and the policy checks of Service.Sync with an engine
// that copies nothing: no panic; every refusal is invalid or forbidden,
// and no refusal repeats user info given in an image.
func FuzzSyncRequest(f *testing.F) {
	f.Add([]byte(`{"source":{"image":"r.io/a:v1"},"target":{"image":"s.io/a"}}`))
	f.Add([]byte(`{"source":{"engine":"acr","region":"cn-hangzhou","instance":"cri-a","namespace":"ns","repository":"r","tag":"v1"},"target":{"engine":"hss","project":"p","all":true}}`))
	f.Add([]byte(`{"source":{"image":"u:secret@r.io/a:v1"},"target":{"image":"169.254.169.254/a"}}`))
	f.Add([]byte(`{"source":{"engine":"swr","region":"cn-north-4","namespace":"a","repository":"b/c","tag":"v"},"target":{"engine":"swr","region":"cn-east-3","namespace":"a","repository":"b"},"after":["hss"]}`))
	pol := &core.Policy{Name: "p", Sources: []core.Allow{{Registry: "r.io"}}, Targets: []core.Allow{{Repository: "a/**"}}}
	s := core.New(core.WithEngine(nopEngine{}))
	f.Fuzz(func(t *testing.T, raw []byte) {
		var req core.SyncRequest
		if json.Unmarshal(raw, &req) != nil {
			return
		}
		ctx := core.WithPrincipal(context.Background(), core.Principal{Name: "fuzz", Policy: pol})
		_, err := s.Sync(ctx, req)
		if err != nil && !core.IsKind(err, core.ErrInvalid, core.ErrForbidden) {
			t.Fatalf("unexpected kind %s: %v", core.KindOf(err), err)
		}
		for _, img := range []string{req.Source.Image, req.Target.Image} {
			host, _, _ := strings.Cut(img, "/")
			if err != nil && len(host) > 8 && strings.Contains(host, "@") && strings.Contains(err.Error(), host) {
				t.Fatalf("user info echoed: %v", err)
			}
		}
	})
}

type nopEngine struct{}

func (nopEngine) Name() string { return core.EngineRegistry }
func (nopEngine) Sync(context.Context, core.SyncRequest) (core.Task, error) {
	return core.Task{Status: core.StatusSuccess}, nil
}
