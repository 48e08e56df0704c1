package swr

import (
	"context"
	"errors"

	swrsdk "github.com/huaweicloud/huaweicloud-sdk-go-v3/services/swr/v2"
	"github.com/huaweicloud/huaweicloud-sdk-go-v3/services/swr/v2/model"

	"github.com/imagesync/imagesync/adapters/internal/huaweicloud"
	"github.com/imagesync/imagesync/core"
)

// AutoSyncs lists the automatic syncs of one repository
// (ListImageAutoSyncReposDetails). SWR keeps them per repository, so source
// needs region, namespace and repository.
func (e *Engine) AutoSyncs(ctx context.Context, source core.Endpoint) ([]core.AutoSync, error) {
	v := &core.ValidationError{}
	v.Add("source.region", core.CheckHuaweiRegion(source.Region))
	v.Add("source.namespace", core.CheckSWRNamespace(source.Namespace))
	v.Add("source.repository", core.CheckSWRRepository(source.Repository))
	if err := v.Err(); err != nil {
		return nil, err
	}
	rules, err := e.listRules(ctx, repoRef{Region: source.Region, Namespace: source.Namespace, Repository: source.Repository})
	if err != nil {
		return nil, err
	}
	out := make([]core.AutoSync, 0, len(rules))
	for _, s := range rules {
		if s.SyncAuto {
			out = append(out, toAutoSync(repoRef{source.Region, source.Namespace, source.Repository}, s))
		}
	}
	return out, nil
}

func (e *Engine) listRules(ctx context.Context, r repoRef) ([]model.SyncRepo, error) {
	var rules []model.SyncRepo
	err := e.retry(ctx, "ListImageAutoSyncReposDetails", func() error {
		return e.call(ctx, r.Region, "ListImageAutoSyncReposDetails", func(c *swrsdk.SwrClient) error {
			resp, err := c.ListImageAutoSyncReposDetails(&model.ListImageAutoSyncReposDetailsRequest{
				ContentType: model.GetListImageAutoSyncReposDetailsRequestContentTypeEnum().APPLICATION_JSON,
				Namespace:   r.Namespace, Repository: pathRepo(r.Repository)})
			if err == nil && resp.Body != nil {
				rules = *resp.Body
			}
			return err
		})
	})
	return rules, err
}

func toAutoSync(r repoRef, s model.SyncRepo) core.AutoSync {
	return core.AutoSync{Engine: core.EngineSWR, Override: s.Override,
		Source: core.Endpoint{Engine: core.EngineSWR, Region: r.Region, Namespace: r.Namespace, Repository: r.Repository},
		Target: core.Endpoint{Engine: core.EngineSWR, Region: s.RemoteRegionId, Namespace: s.RemoteNamespace, Repository: r.Repository}}
}

// CreateAutoSync turns on automatic sync of a repository to another region
// (CreateImageSyncRepo with syncAuto). One to the same target with the same
// override is left alone; one with another override is replaced.
func (e *Engine) CreateAutoSync(ctx context.Context, a core.AutoSync) (core.AutoSync, error) {
	if err := checkPair(a.Source, a.Target, false); err != nil {
		return core.AutoSync{}, err
	}
	if err := e.checkTargetRegion(ctx, a.Source.Region, a.Target.Region); err != nil {
		return core.AutoSync{}, err
	}
	r := repoRef{Region: a.Source.Region, Namespace: a.Source.Namespace, Repository: a.Source.Repository}
	rules, err := e.listRules(ctx, r)
	if err != nil {
		return core.AutoSync{}, err
	}
	for _, x := range rules {
		if x.RemoteRegionId != a.Target.Region || x.RemoteNamespace != a.Target.Namespace {
			continue
		}
		if x.SyncAuto && x.Override == a.Override {
			return toAutoSync(r, x), nil
		}
		if err := e.DeleteAutoSync(ctx, toAutoSync(r, x)); err != nil {
			return core.AutoSync{}, err
		}
	}
	syncAuto, override := true, a.Override
	err = e.retry(ctx, "CreateImageSyncRepo", func() error {
		return e.call(ctx, r.Region, "CreateImageSyncRepo", func(c *swrsdk.SwrClient) error {
			_, err := c.CreateImageSyncRepo(&model.CreateImageSyncRepoRequest{
				ContentType: model.GetCreateImageSyncRepoRequestContentTypeEnum().APPLICATION_JSON,
				Namespace:   r.Namespace, Repository: pathRepo(r.Repository),
				Body: &model.CreateImageSyncRepoRequestBody{RemoteRegionId: a.Target.Region,
					RemoteNamespace: a.Target.Namespace, SyncAuto: &syncAuto, Override: &override}})
			return huaweicloud.AcceptedDespiteBody(err)
		})
	})
	if err != nil {
		return core.AutoSync{}, err
	}
	return toAutoSync(r, model.SyncRepo{RemoteRegionId: a.Target.Region, RemoteNamespace: a.Target.Namespace,
		Override: a.Override, SyncAuto: true}), nil
}

// DeleteAutoSync turns an automatic sync off (DeleteImageSyncRepo). One
// that does not exist is already off.
func (e *Engine) DeleteAutoSync(ctx context.Context, a core.AutoSync) error {
	if err := checkPair(a.Source, a.Target, false); err != nil {
		return err
	}
	r := repoRef{Region: a.Source.Region, Namespace: a.Source.Namespace, Repository: a.Source.Repository}
	err := e.retry(ctx, "DeleteImageSyncRepo", func() error {
		return e.call(ctx, r.Region, "DeleteImageSyncRepo", func(c *swrsdk.SwrClient) error {
			_, err := c.DeleteImageSyncRepo(&model.DeleteImageSyncRepoRequest{
				ContentType: model.GetDeleteImageSyncRepoRequestContentTypeEnum().APPLICATION_JSON,
				Namespace:   r.Namespace, Repository: pathRepo(r.Repository),
				Body: &model.DeleteImageSyncRepoRequestBody{RemoteRegionId: a.Target.Region, RemoteNamespace: a.Target.Namespace}})
			return huaweicloud.AcceptedDespiteBody(err)
		})
	})
	if errors.Is(err, core.ErrNotFound) {
		return nil
	}
	return err
}
