package creds

import (
	"context"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	swrsdk "github.com/huaweicloud/huaweicloud-sdk-go-v3/services/swr/v2"
	"github.com/huaweicloud/huaweicloud-sdk-go-v3/services/swr/v2/model"
	"github.com/imagesync/imagesync/adapters/huawei"
	"github.com/imagesync/imagesync/adapters/internal/huaweicloud"
	"github.com/imagesync/imagesync/core"
)

const (
	swrTagPage  = 1000 // ListRepositoryTags' largest page
	swrTagPages = 100  // pages read at most
)

// SWRTagTimes tells when the tags of SWR repositories were pushed: the
// "updated" time of ListRepositoryTags (swr v2), signed with the AK/SK
// that buy SWR logins. The registry engine asks it for SWR hosts, for jobs
// that take the latest N tags by push order.
type SWRTagTimes struct {
	c        *huaweicloud.Client
	endpoint func(region string) string
}

// NewSWRTagTimes is SWRTagTimes signing with the keys of the invocation
// (FunctionGraph's agency), else src's; endpoint gives the SWR API of a
// region (default https://swr-api.<region>.myhuaweicloud.com); rt is the
// HTTP transport (nil: a clone of the default one). It makes no call.
func NewSWRTagTimes(src HuaweiSource, endpoint func(region string) string, rt http.RoundTripper) (*SWRTagTimes, error) {
	if endpoint == nil {
		endpoint = func(r string) string { return huaweicloud.Endpoint("swr-api", r) }
	}
	s := huawei.DefaultSettings()
	s.Provider = func(ctx context.Context) (huaweicloud.Credentials, error) {
		k, err := huaweiKeys(ctx, src)
		return huaweicloud.Credentials{AK: k.AK, SK: k.SK, SecurityToken: k.SecurityToken}, err
	}
	s.Transport = rt
	c, err := huaweicloud.NewClient(huaweicloud.Service{Name: "swr", NotFound: "SWR organization or repository not found"}, s, 30*time.Second, 3)
	if err != nil {
		return nil, err
	}
	return &SWRTagTimes{c: c, endpoint: endpoint}, nil
}

// Serves reports whether host is an SWR registry.
func (t *SWRTagTimes) Serves(host string) bool { _, ok := SWRHost(host); return ok }

// TagTimes maps each tag of repository (organization/name on host) to
// when it was last updated, else created.
func (t *SWRTagTimes) TagTimes(ctx context.Context, host, repository string) (map[string]time.Time, error) {
	region, ok := SWRHost(host)
	if !ok {
		return nil, core.Errorf(core.ErrInvalid, "%s is no SWR registry", host)
	}
	ns, repo, ok := strings.Cut(repository, "/")
	if !ok || ns == "" || repo == "" {
		return nil, core.Errorf(core.ErrInvalid, "SWR repositories are organization/name, not %s", repository)
	}
	target := huaweicloud.Target{Region: region, Endpoint: t.endpoint(region), Project: region}
	limit := strconv.Itoa(swrTagPage)
	times := map[string]time.Time{}
	for page := range swrTagPages {
		offset := strconv.Itoa(page * swrTagPage)
		req := &model.ListRepositoryTagsRequest{
			ContentType: model.GetListRepositoryTagsRequestContentTypeEnum().APPLICATION_JSON,
			Namespace:   ns, Repository: strings.ReplaceAll(repo, "/", "$"), // the API takes a/b as a$b
			Limit: &limit, Offset: &offset,
		}
		var res *model.ListRepositoryTagsResponse
		err := t.c.Retry(ctx, "ListRepositoryTags", func() error {
			return huaweicloud.Call(ctx, t.c, target, "ListRepositoryTags", swrsdk.NewSwrClient, func(s *swrsdk.SwrClient) (err error) {
				res, err = s.ListRepositoryTags(req)
				return err
			})
		})
		if err != nil {
			return nil, fmt.Errorf("tags of %s/%s: %w", host, repository, err)
		}
		if res.Body == nil {
			break
		}
		for _, tag := range *res.Body {
			if at, ok := swrTime(tag.Updated, tag.Created); ok && tag.Tag != "" {
				times[tag.Tag] = at
			}
		}
		if len(*res.Body) < swrTagPage {
			break
		}
	}
	return times, nil
}

// swrTime is the first of the times SWR gives (UTC, RFC 3339) that parses.
func swrTime(vs ...string) (time.Time, bool) {
	for _, v := range vs {
		if t, err := time.Parse(time.RFC3339Nano, v); err == nil {
			return t.UTC(), true
		}
	}
	return time.Time{}, false
}
