package creds

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/aliyun/alibaba-cloud-sdk-go/sdk/requests"
	"github.com/aliyun/alibaba-cloud-sdk-go/services/cr_ee"
	"github.com/imagesync/imagesync/core"
)

const (
	acrTagPage  = 100 // ListRepoTag's largest page
	acrTagPages = 100 // pages read at most
)

// TagTimes maps each tag of repository (namespace/name on host) to when
// it was last pushed: ImageUpdate of ListRepoTag, after GetRepository
// names the repository's id (cr 2018-12-01). A host Host did not resolve
// is found by its instance name (ListInstance).
func (a *ACR) TagTimes(ctx context.Context, host, repository string) (map[string]time.Time, error) {
	ns, name, ok := strings.Cut(repository, "/")
	if !ok || ns == "" || name == "" || strings.Contains(name, "/") {
		return nil, core.Errorf(core.ErrInvalid, "ACR EE repositories are namespace/name, not %s", repository)
	}
	region, instance, err := a.instanceOf(ctx, host)
	if err != nil {
		return nil, err
	}
	repo := cr_ee.CreateGetRepositoryRequest()
	repo.InstanceId, repo.RepoNamespaceName, repo.RepoName = instance, ns, name
	got := cr_ee.CreateGetRepositoryResponse()
	if err := a.call(ctx, region, repo, got); err != nil {
		return nil, fmt.Errorf("acr GetRepository %s/%s: %w", host, repository, err)
	}
	if !got.GetRepositoryIsSuccess || got.RepoId == "" {
		return nil, acrRefusal("GetRepository", host+"/"+repository, got.Code)
	}
	times := map[string]time.Time{}
	for page := 1; page <= acrTagPages; page++ {
		req := cr_ee.CreateListRepoTagRequest()
		req.InstanceId, req.RepoId = instance, got.RepoId
		req.PageNo, req.PageSize = requests.NewInteger(page), requests.NewInteger(acrTagPage)
		res := cr_ee.CreateListRepoTagResponse()
		if err := a.call(ctx, region, req, res); err != nil {
			return nil, fmt.Errorf("acr ListRepoTag %s/%s: %w", host, repository, err)
		}
		if !res.ListRepoTagIsSuccess {
			return nil, acrRefusal("ListRepoTag", host+"/"+repository, res.Code)
		}
		for _, im := range res.Images {
			if at, ok := acrTime(im.ImageUpdate, im.ImageCreate); ok && im.Tag != "" {
				times[im.Tag] = at
			}
		}
		if total, err := strconv.Atoi(res.TotalCount); len(res.Images) < acrTagPage || (err == nil && page*acrTagPage >= total) {
			break
		}
	}
	return times, nil
}

// acrTime reads the first of ACR's times that parses: milliseconds since
// the epoch, or RFC 3339.
func acrTime(vs ...string) (time.Time, bool) {
	for _, v := range vs {
		if ms, err := strconv.ParseInt(v, 10, 64); err == nil && ms > 0 {
			return time.UnixMilli(ms).UTC(), true
		}
		if t, err := time.Parse(time.RFC3339Nano, v); err == nil {
			return t.UTC(), true
		}
	}
	return time.Time{}, false
}
