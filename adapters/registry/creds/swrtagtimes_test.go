package creds_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/imagesync/imagesync/adapters/registry"
	"github.com/imagesync/imagesync/adapters/registry/creds"
	"github.com/imagesync/imagesync/adapters/swr/swrtest"
	"github.com/imagesync/imagesync/core"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The registry engine asks SWR's ListRepositoryTags when tags were pushed,
// through the real SDK against the SWR emulator, which checks the
// signature, the '$' for a '/' in the repository and the paging rules.
func TestSWRTagTimes(t *testing.T) {
	api := swrtest.New(swrtest.Config{ProjectID: "cn-north-4"})
	t.Cleanup(api.Close)
	base := time.Date(2026, 11, 1, 8, 0, 0, 0, time.UTC)
	want := map[string]time.Time{}
	for i := range 1203 { // a page of 1000, then one of 203
		want[fmt.Sprintf("v1.%d.0", i)] = base.Add(time.Duration(i) * time.Minute)
	}
	api.SetTagTimes("team", "group/app", want)

	tt, err := creds.NewSWRTagTimes(creds.HuaweiKeys{AK: swrtest.TestAK, SK: swrtest.TestSK}.Source(), func(string) string { return api.URL }, nil)
	require.NoError(t, err)
	e, err := registry.New(registry.WithTagTimes(tt))
	require.NoError(t, err)
	got, err := e.TagTimes(context.Background(), "swr.cn-north-4.myhuaweicloud.com/team/group/app")
	require.NoError(t, err)
	assert.Equal(t, want, got)
	var pages []string
	for _, r := range api.Requests() {
		if r.Op == "ListRepositoryTags" {
			pages = append(pages, r.Query)
			assert.Equal(t, "/v2/manage/namespaces/team/repos/group$app/tags", r.RawPath)
		}
	}
	assert.Equal(t, []string{"limit=1000&offset=0", "limit=1000&offset=1000"}, pages)

	_, err = e.TagTimes(context.Background(), "swr.cn-north-4.myhuaweicloud.com/team/gone")
	require.ErrorIs(t, err, core.ErrNotFound)

	wrong, err := creds.NewSWRTagTimes(creds.HuaweiKeys{AK: swrtest.TestAK, SK: "not-the-secret"}.Source(), func(string) string { return api.URL }, nil)
	require.NoError(t, err)
	_, err = wrong.TagTimes(context.Background(), "swr.cn-north-4.myhuaweicloud.com", "team/group/app")
	require.Error(t, err)
	assert.True(t, core.IsKind(err, core.ErrUnauthorized, core.ErrForbidden), "%v", err)
	assert.False(t, strings.Contains(err.Error(), "not-the-secret"))
}
