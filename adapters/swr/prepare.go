package swr

import (
	"context"
	"errors"
	"fmt"

	swrsdk "github.com/huaweicloud/huaweicloud-sdk-go-v3/services/swr/v2"
	"github.com/huaweicloud/huaweicloud-sdk-go-v3/services/swr/v2/model"

	"github.com/imagesync/imagesync/adapters/internal/huaweicloud"
	"github.com/imagesync/imagesync/core"
)

// Prepare makes the repository an SWR endpoint names exist in its region,
// so that the registry engine can push into it: CreateRepo (private), and,
// when SWR answers that the organization (namespace) is not found,
// CreateNamespace and CreateRepo again. What exists already (409) is fine.
func (e *Engine) Prepare(ctx context.Context, ep core.Endpoint) error {
	v := &core.ValidationError{}
	v.Add("target.region", core.CheckHuaweiRegion(ep.Region))
	v.Add("target.namespace", core.CheckSWRNamespace(ep.Namespace))
	v.Add("target.repository", core.CheckSWRRepository(ep.Repository))
	if err := v.Err(); err != nil {
		return err
	}
	err := e.createRepo(ctx, ep)
	if errors.Is(err, core.ErrNotFound) {
		if err = e.createNamespace(ctx, ep); err == nil {
			err = e.createRepo(ctx, ep)
		}
	}
	if err != nil {
		return fmt.Errorf("preparing %s/%s in %s: %w", ep.Namespace, ep.Repository, ep.Region, err)
	}
	return nil
}

func (e *Engine) createRepo(ctx context.Context, ep core.Endpoint) error {
	desc := "created by imagesync"
	return e.createOnce(ctx, ep.Region, "CreateRepo", func(c *swrsdk.SwrClient) error {
		_, err := c.CreateRepo(&model.CreateRepoRequest{
			ContentType: model.GetCreateRepoRequestContentTypeEnum().APPLICATION_JSON,
			Namespace:   ep.Namespace,
			Body:        &model.CreateRepoRequestBody{Repository: ep.Repository, IsPublic: false, Description: &desc},
		})
		return err
	})
}

func (e *Engine) createNamespace(ctx context.Context, ep core.Endpoint) error {
	return e.createOnce(ctx, ep.Region, "CreateNamespace", func(c *swrsdk.SwrClient) error {
		_, err := c.CreateNamespace(&model.CreateNamespaceRequest{
			ContentType: model.GetCreateNamespaceRequestContentTypeEnum().APPLICATION_JSON,
			Body:        &model.CreateNamespaceRequestBody{Namespace: ep.Namespace},
		})
		return err
	})
}

// createOnce runs one create call with retries; "exists already" is success.
func (e *Engine) createOnce(ctx context.Context, region, op string, fn func(*swrsdk.SwrClient) error) error {
	err := e.retry(ctx, op, func() error {
		return e.call(ctx, region, op, func(c *swrsdk.SwrClient) error {
			return huaweicloud.AcceptedDespiteBody(fn(c))
		})
	})
	if errors.Is(err, core.ErrConflict) {
		return nil
	}
	return err
}
