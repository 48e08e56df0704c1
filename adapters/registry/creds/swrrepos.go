package creds

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	swrsdk "github.com/huaweicloud/huaweicloud-sdk-go-v3/services/swr/v2"
	"github.com/huaweicloud/huaweicloud-sdk-go-v3/services/swr/v2/model"
	"github.com/imagesync/imagesync/adapters/internal/huaweicloud"
	"github.com/imagesync/imagesync/core"
)

const (
	swrRepoPage  = 1000 // ListReposDetails' largest page
	swrRepoPages = 1000 // pages read at most
)

// Repositories lists the SWR repositories of host's region under prefix:
// ListReposDetails (swr v2, GET /v2/manage/repos), of the prefix's
// organization when it names one, 1000 a page, signed with the AK/SK that
// buy SWR logins. It makes SWRTagTimes a registry.RepositorySource.
func (t *SWRTagTimes) Repositories(ctx context.Context, host, prefix string) (core.Listing, error) {
	region, ok := SWRHost(host)
	if !ok {
		return core.Listing{}, core.Errorf(core.ErrInvalid, "%s is no SWR registry", host)
	}
	target := huaweicloud.Target{Region: region, Endpoint: t.endpoint(region), Project: region}
	ns, _, _ := strings.Cut(prefix, "/")
	limit := strconv.Itoa(swrRepoPage)
	var l core.Listing
	for page := range swrRepoPages {
		offset := strconv.Itoa(page * swrRepoPage)
		req := &model.ListReposDetailsRequest{ContentType: model.GetListReposDetailsRequestContentTypeEnum().APPLICATION_JSON,
			Limit: &limit, Offset: &offset}
		if ns != "" {
			req.Namespace = &ns
		}
		var res *model.ListReposDetailsResponse
		err := t.c.Retry(ctx, "ListReposDetails", func() error {
			return huaweicloud.Call(ctx, t.c, target, "ListReposDetails", swrsdk.NewSwrClient, func(s *swrsdk.SwrClient) (err error) {
				res, err = s.ListReposDetails(req)
				return err
			})
		})
		if err != nil {
			return core.Listing{}, fmt.Errorf("repositories of %s: %w", host, err)
		}
		if res.Body == nil {
			return l, nil
		}
		for _, r := range *res.Body {
			if r.Namespace != "" && r.Name != "" {
				l.Repositories = append(l.Repositories, r.Namespace+"/"+r.Name)
			}
		}
		if len(*res.Body) < swrRepoPage {
			return l, nil
		}
	}
	return core.Listing{}, core.Errorf(core.ErrUnavailable, "repositories of %s: over %d pages", host, swrRepoPages)
}
