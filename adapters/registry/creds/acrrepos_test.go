package creds_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/imagesync/imagesync/adapters/registry"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// A /** source on an ACR EE domain lists the instance's repositories with
// ListRepository, through the real SDK against the ACR emulator: the
// instance found by the name in the domain, every page read, filtered by
// namespace when the prefix names one.
func TestACRRepositories(t *testing.T) {
	api, acr := acrWithInstance(t)
	var team []string
	for i := range 130 {
		api.AddRepository("cn-hangzhou", "cri-test", "team", fmt.Sprintf("app%03d", i))
		team = append(team, fmt.Sprintf("team/app%03d", i))
	}
	api.AddRepository("cn-hangzhou", "cri-test", "other", "app")
	e, err := registry.New(registry.WithRepositorySources(acr))
	require.NoError(t, err)
	host := "myreg-registry.cn-hangzhou.cr.aliyuncs.com"

	l, err := e.ListRepositories(context.Background(), host, "team")
	require.NoError(t, err)
	assert.Equal(t, team, l.Repositories)
	calls := api.Calls("ListRepository")
	require.Len(t, calls, 2, "130 repositories, 100 a page")
	assert.Equal(t, "team", calls[0].Params["RepoNamespaceName"])

	l, err = e.ListRepositories(context.Background(), host, "")
	require.NoError(t, err)
	assert.Len(t, l.Repositories, 131)

	_, err = e.ListRepositories(context.Background(), "nosuch-registry.cn-hangzhou.cr.aliyuncs.com", "")
	assert.Error(t, err)
}
