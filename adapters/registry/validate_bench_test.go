package registry_test

import (
	"context"
	"testing"

	"github.com/google/go-containerregistry/pkg/name"
	"github.com/imagesync/imagesync/core"
)

// nopEngine finishes every sync at once, so that the benchmark measures
// core's validation, policy, routing and bookkeeping alone.
type nopEngine struct{}

func (nopEngine) Name() string { return core.EngineRegistry }
func (nopEngine) Sync(context.Context, core.SyncRequest) (core.Task, error) {
	return core.Task{Status: core.StatusSuccess}, nil
}

const (
	benchSrc = "registry.example.com:5000/team/app/web:v1.2.3"
	benchDst = "mirror.example.org/team/app/web"
)

// BenchmarkValidateRoute is a whole Service.Sync of a plain request through
// an engine that does nothing; its peer below only parses the same two
// references with go-containerregistry's strict parser.
func BenchmarkValidateRoute(b *testing.B) {
	s := core.New(core.WithEngine(nopEngine{}), core.WithHistory(0))
	req := core.SyncRequest{Source: core.Endpoint{Image: benchSrc}, Target: core.Endpoint{Image: benchDst}}
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := s.Sync(ctx, req); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkValidateRoutePeerGGCRParse(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := name.ParseReference(benchSrc, name.StrictValidation); err != nil {
			b.Fatal(err)
		}
		if _, err := name.NewRepository(benchDst, name.StrictValidation); err != nil {
			b.Fatal(err)
		}
	}
}
