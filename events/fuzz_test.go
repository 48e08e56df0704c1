package events_test

import (
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/imagesync/imagesync/core"
	"github.com/imagesync/imagesync/events"
)

// FuzzDecode runs every decoder (auto-detected and forced) over arbitrary
// bodies, seeded with the vendor samples in testdata. Invariants: no panic;
// every error is core.ErrInvalid; an accepted push has a repository and a
// valid tag or digest; a body yields pushes or a tick, never both.
func FuzzDecode(f *testing.F) {
	files, _ := filepath.Glob(filepath.Join("testdata", "*.json"))
	for _, name := range files {
		b, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Add([]byte(`{"events":[{"action":"push","target":{"mediaType":"application/vnd.oci.image.manifest.v1+json","repository":"a","tag":"b"}}]}`))
	f.Add([]byte(`{"message":{"data":"e30="}}`))
	f.Fuzz(func(t *testing.T, body []byte) {
		for _, format := range append([]string{""}, events.Formats...) {
			d, err := events.Decode(body, nil, events.Options{Format: format})
			pushes, ignored, tick := d.Pushes, d.Ignored, d.Tick
			if err != nil {
				if !errors.Is(err, core.ErrInvalid) {
					t.Fatalf("%s: error %v is not ErrInvalid", format, err)
				}
				if pushes != nil || ignored != nil || tick != nil {
					t.Fatalf("%s: results alongside an error", format)
				}
				continue
			}
			if tick != nil && (len(pushes) > 0 || len(ignored) > 0) {
				t.Fatalf("%s: both pushes and a tick", format)
			}
			for _, p := range pushes {
				checkPush(t, format, p)
			}
			if tick != nil && len(tick.Jobs) > events.MaxJobs {
				t.Fatalf("%s: %d jobs", format, len(tick.Jobs))
			}
		}
	})
}

func checkPush(t *testing.T, format string, p core.Push) {
	t.Helper()
	if p.Repository == "" || (p.Tag == "" && p.Digest == "") {
		t.Fatalf("%s: push without repository or tag/digest: %+v", format, p)
	}
	if p.Tag != "" && core.CheckTag(p.Tag) != "" {
		t.Fatalf("%s: invalid tag %q", format, p.Tag)
	}
	if p.Digest != "" && core.CheckDigest(p.Digest) != "" {
		t.Fatalf("%s: invalid digest %q", format, p.Digest)
	}
	if p.Registry != "" {
		if _, reason := core.ParseReference(p.Image()); reason != "" {
			t.Fatalf("%s: push image %q invalid: %s", format, p.Image(), reason)
		}
	}
}
