package creds

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"github.com/aliyun/alibaba-cloud-sdk-go/sdk/requests"
	"github.com/aliyun/alibaba-cloud-sdk-go/services/cr_ee"
	"github.com/imagesync/imagesync/core"
)

const (
	acrRepoPage  = 100  // ListRepository's page
	acrRepoPages = 1000 // pages read at most
)

// Repositories lists the repositories of an ACR EE registry domain under
// prefix: ListRepository of its instance (cr 2018-12-01), filtered by
// namespace (RepoNamespaceName) when the prefix names one, 100 a page
// until TotalCount. It makes ACR a registry.RepositorySource.
func (a *ACR) Repositories(ctx context.Context, host, prefix string) (core.Listing, error) {
	region, instance, err := a.instanceOf(ctx, host)
	if err != nil {
		return core.Listing{}, err
	}
	ns, _, _ := strings.Cut(prefix, "/")
	var l core.Listing
	for page := 1; page <= acrRepoPages; page++ {
		req := cr_ee.CreateListRepositoryRequest()
		req.InstanceId, req.RepoNamespaceName = instance, ns
		req.PageNo, req.PageSize = requests.NewInteger(page), requests.NewInteger(acrRepoPage)
		res := cr_ee.CreateListRepositoryResponse()
		if err := a.call(ctx, region, req, res); err != nil {
			return core.Listing{}, fmt.Errorf("acr ListRepository of %s: %w", host, err)
		}
		if !res.ListRepositoryIsSuccess {
			return core.Listing{}, acrRefusal("ListRepository", host, res.Code)
		}
		for _, r := range res.Repositories {
			if r.RepoNamespaceName != "" && r.RepoName != "" {
				l.Repositories = append(l.Repositories, r.RepoNamespaceName+"/"+r.RepoName)
			}
		}
		if total, err := strconv.Atoi(res.TotalCount); len(res.Repositories) < acrRepoPage || (err == nil && page*acrRepoPage >= total) {
			return l, nil
		}
	}
	return core.Listing{}, core.Errorf(core.ErrUnavailable, "acr ListRepository of %s: over %d pages", host, acrRepoPages)
}
