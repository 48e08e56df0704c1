package registry_test

import (
	"context"
	"crypto/tls"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	reg "github.com/imagesync/imagesync/adapters/registry"
	"github.com/imagesync/imagesync/core"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// asHost returns a transport that reaches s (a TLS test server) whatever
// host a request names, so that the engine can be pointed at a registry
// by its real name without leaving loopback.
func asHost(s *httptest.Server) *http.Transport {
	return &http.Transport{
		DialContext: func(ctx context.Context, network, _ string) (net.Conn, error) {
			return (&net.Dialer{}).DialContext(ctx, network, s.Listener.Addr().String())
		},
		TLSClientConfig: &tls.Config{InsecureSkipVerify: true}, //nolint:gosec // a loopback test server
	}
}

// Artifact Registry's tag list carries each manifest's tags and upload
// time (milliseconds); TagTimes reads them with the registry's login.
func TestTagTimesGoogle(t *testing.T) {
	up := func(ms int64) string { return fmt.Sprint(ms) }
	s := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/v2/":
		case "/v2/proj/repo/app/tags/list":
			fmt.Fprintf(w, `{"child":[],"name":"proj/repo/app","tags":["v1","v2","latest"],"manifest":{
				"sha256:aa":{"imageSizeBytes":"10","mediaType":"application/vnd.oci.image.index.v1+json","tag":["v1"],"timeCreatedMs":"0","timeUploadedMs":"%s"},
				"sha256:bb":{"imageSizeBytes":"10","mediaType":"application/vnd.oci.image.index.v1+json","tag":["v2","latest"],"timeCreatedMs":"0","timeUploadedMs":"%s"},
				"sha256:cc":{"imageSizeBytes":"10","mediaType":"application/vnd.oci.image.manifest.v1+json","tag":[],"timeCreatedMs":"0","timeUploadedMs":"1"}}}`,
				up(1700000000000), up(1700000600000))
		case "/v2/proj/repo/plain/tags/list":
			fmt.Fprint(w, `{"name":"proj/repo/plain","tags":["v1"]}`)
		default:
			http.NotFound(w, r)
		}
	}))
	t.Cleanup(s.Close)
	e, err := reg.New(reg.WithTransport(asHost(s)))
	require.NoError(t, err)
	got, err := e.TagTimes(context.Background(), "us-docker.pkg.dev/proj/repo/app")
	require.NoError(t, err)
	assert.Equal(t, map[string]time.Time{
		"v1": time.UnixMilli(1700000000000).UTC(), "v2": time.UnixMilli(1700000600000).UTC(), "latest": time.UnixMilli(1700000600000).UTC(),
	}, got)

	_, err = e.TagTimes(context.Background(), "us-docker.pkg.dev/proj/repo/plain")
	require.ErrorIs(t, err, core.ErrInvalid)
	assert.Contains(t, err.Error(), "no upload times")
}

// quay.io's API tells when each active tag started pointing where it does.
func TestTagTimesQuay(t *testing.T) {
	s := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/api/v1/repository/prometheus/node-exporter/tag/" || r.URL.Query().Get("onlyActiveTags") != "true" {
			w.WriteHeader(http.StatusNotFound)
			fmt.Fprint(w, `{"detail":"Not Found","error_message":"Not Found","error_type":"not_found","title":"not_found","type":"https://quay.io/api/v1/error/not_found","status":404}`)
			return
		}
		switch r.URL.Query().Get("page") {
		case "1":
			fmt.Fprint(w, `{"tags":[{"name":"v1.8.0","reversion":false,"start_ts":1717680780,"manifest_digest":"sha256:aa","is_manifest_list":true,"size":null,"last_modified":"Thu, 06 Jun 2024 13:33:00 -0000"}],"page":1,"has_additional":true}`)
		case "2":
			fmt.Fprint(w, `{"tags":[{"name":"v1.7.0","reversion":false,"start_ts":1715698131,"manifest_digest":"sha256:bb","is_manifest_list":true,"size":null,"last_modified":"Tue, 14 May 2024 14:48:51 -0000"}],"page":2,"has_additional":false}`)
		}
	}))
	t.Cleanup(s.Close)
	e, err := reg.New(reg.WithTransport(asHost(s)))
	require.NoError(t, err)
	got, err := e.TagTimes(context.Background(), "quay.io/prometheus/node-exporter")
	require.NoError(t, err)
	assert.Equal(t, map[string]time.Time{"v1.8.0": time.Unix(1717680780, 0).UTC(), "v1.7.0": time.Unix(1715698131, 0).UTC()}, got)

	_, err = e.TagTimes(context.Background(), "quay.io/prometheus/gone")
	require.ErrorIs(t, err, core.ErrNotFound)
}
