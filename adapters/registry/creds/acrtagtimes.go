package creds

import (
	"context"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/aliyun/alibaba-cloud-sdk-go/sdk/requests"
	"github.com/aliyun/alibaba-cloud-sdk-go/services/cr_ee"
	"github.com/imagesync/imagesync/core"
)

const (
	acrTagPage  = 100 // ListRepoTag's largest page
	acrTagPages = 100 // pages read at most
)

// acrDomain is an ACR EE instance's registry domain, public or VPC:
// <instance name>-registry[-vpc].<region>.cr.aliyuncs.com.
var acrDomain = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`^([a-z0-9][a-z0-9-]*)-registry(?:-vpc)?\.([a-z0-9-]+)\.cr\.aliyuncs\.com$`)
})

// Serves reports whether host is an ACR EE registry domain: one Host
// resolved, or one of the form <name>-registry.<region>.cr.aliyuncs.com.
func (a *ACR) Serves(host string) bool {
	a.mu.Lock()
	_, ok := a.hosts[host]
	a.mu.Unlock()
	return ok || acrDomain().MatchString(host)
}

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

// instanceOf is the region and instance id of an ACR EE registry domain:
// as Host resolved it, else by the instance name in the domain.
func (a *ACR) instanceOf(ctx context.Context, host string) (region, instance string, err error) {
	a.mu.Lock()
	ri, ok := a.hosts[host]
	a.mu.Unlock()
	if ok {
		return ri[0], ri[1], nil
	}
	m := acrDomain().FindStringSubmatch(host)
	if m == nil {
		return "", "", core.Errorf(core.ErrInvalid, "%s is no ACR EE registry domain", host)
	}
	req := cr_ee.CreateListInstanceRequest()
	req.InstanceName, req.PageSize = m[1], requests.NewInteger(100)
	res := cr_ee.CreateListInstanceResponse()
	if err := a.call(ctx, m[2], req, res); err != nil {
		return "", "", fmt.Errorf("acr ListInstance %s in %s: %w", m[1], m[2], err)
	}
	if !res.ListInstanceIsSuccess {
		return "", "", acrRefusal("ListInstance", m[1]+" in "+m[2], res.Code)
	}
	for _, in := range res.Instances {
		if in.InstanceName == m[1] && in.InstanceId != "" {
			return m[2], in.InstanceId, nil
		}
	}
	return "", "", core.Errorf(core.ErrNotFound, "acr: no instance named %s in %s (for %s)", m[1], m[2], host)
}

// acrRefusal is an answer with IsSuccess false (HTTP 200).
func acrRefusal(op, what, code string) error {
	kind := core.ErrUnavailable
	switch {
	case strings.Contains(code, "NOT_EXIST"), strings.Contains(code, "NotFound"):
		kind = core.ErrNotFound
	case strings.Contains(code, "NoPrivilege"), strings.Contains(code, "Forbidden"):
		kind = core.ErrForbidden
	}
	return fmt.Errorf("acr %s %s: %w: %s", op, what, kind, code)
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
