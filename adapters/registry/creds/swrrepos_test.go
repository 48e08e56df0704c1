package creds_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/imagesync/imagesync/adapters/registry"
	"github.com/imagesync/imagesync/adapters/registry/creds"
	"github.com/imagesync/imagesync/adapters/swr/swrtest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// SWR has no catalog: a /** source lists it with ListReposDetails,
// through the real SDK against the SWR emulator (signature, paging rules):
// 1130 repositories of team come in two pages of 1000, others left out.
func TestSWRRepositories(t *testing.T) {
	api := swrtest.New(swrtest.Config{ProjectID: "cn-north-4"})
	t.Cleanup(api.Close)
	var team []string
	for i := range 1130 {
		api.AddRepository("team", fmt.Sprintf("group/app%04d", i))
		team = append(team, fmt.Sprintf("team/group/app%04d", i))
	}
	api.AddRepository("other", "app")
	tt, err := creds.NewSWRTagTimes(creds.HuaweiKeys{AK: swrtest.TestAK, SK: swrtest.TestSK}.Source(), func(string) string { return api.URL }, nil)
	require.NoError(t, err)
	e, err := registry.New(registry.WithRepositorySources(tt))
	require.NoError(t, err)

	l, err := e.ListRepositories(context.Background(), "swr.cn-north-4.myhuaweicloud.com", "team")
	require.NoError(t, err)
	assert.Equal(t, team, l.Repositories)
	var pages []string
	for _, r := range api.Requests() {
		if r.Op == "ListReposDetails" {
			pages = append(pages, r.Query)
		}
	}
	assert.Equal(t, []string{"limit=1000&namespace=team&offset=0", "limit=1000&namespace=team&offset=1000"}, pages)

	l, err = e.ListRepositories(context.Background(), "swr.cn-north-4.myhuaweicloud.com", "team/group/app0001")
	require.NoError(t, err)
	assert.Equal(t, []string{"team/group/app0001"}, l.Repositories)

	wrong, err := creds.NewSWRTagTimes(creds.HuaweiKeys{AK: swrtest.TestAK, SK: "nope"}.Source(), func(string) string { return api.URL }, nil)
	require.NoError(t, err)
	_, err = wrong.Repositories(context.Background(), "swr.cn-north-4.myhuaweicloud.com", "")
	assert.Error(t, err)
}
