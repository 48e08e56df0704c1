package acr_test

import (
	"bytes"
	"log/slog"
	"testing"
	"time"

	"github.com/imagesync/imagesync/adapters/acr"
	"github.com/imagesync/imagesync/adapters/acr/acrtest"
	"github.com/imagesync/imagesync/core"
	"github.com/stretchr/testify/require"
)

// The seed's example coordinates.
const (
	srcRegion   = "cn-beijing"
	srcInstance = "cri-hpdfkc6utbaq"
	dstRegion   = "cn-hangzhou"
	dstInstance = "cri-ibxs3piklys3"
)

// fixture is an engine wired to a fresh emulator holding ns1/repo1 on the
// source instance and the target instance.
type fixture struct {
	srv    *acrtest.Server
	eng    *acr.Engine
	logs   *bytes.Buffer
	repoID string
}

func newFixture(t *testing.T, opts ...acr.Option) *fixture {
	t.Helper()
	srv := acrtest.New()
	t.Cleanup(srv.Close)
	f := &fixture{srv: srv, logs: &bytes.Buffer{}}
	f.repoID = srv.AddRepository(srcRegion, srcInstance, "ns1", "repo1")
	srv.AddInstance(dstRegion, dstInstance)
	log := slog.New(slog.NewJSONHandler(f.logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	base := []acr.Option{acr.WithLogger(log), acr.WithCredentials(acr.StaticCredentials(acr.Credentials{
		AccessKeyID: acrtest.TestAccessKeyID, AccessKeySecret: acrtest.TestAccessKeySecret}))}
	eng, err := acr.New(testConfig(srv), append(base, opts...)...)
	require.NoError(t, err)
	f.eng = eng
	return f
}

func testConfig(srv *acrtest.Server) acr.Config {
	return acr.Config{Region: srcRegion, Instance: srcInstance, Endpoint: srv.URL, RetryBase: time.Millisecond,
		RetryMax: 5 * time.Millisecond, ReadTimeout: 5 * time.Second}
}

// seedRequest is the seed's example: ns1/repo1:tag1 from cn-beijing to
// cn-hangzhou.
func seedRequest() core.SyncRequest {
	return core.SyncRequest{
		Source: core.Endpoint{Engine: core.EngineACR, Region: srcRegion, Instance: srcInstance,
			Namespace: "ns1", Repository: "repo1", Tag: "tag1"},
		Target: core.Endpoint{Engine: core.EngineACR, Region: dstRegion, Instance: dstInstance,
			Namespace: "ns1", Repository: "repo1"},
	}
}
