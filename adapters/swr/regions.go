package swr

import (
	"context"
	"slices"
	"sync"
	"time"

	swrsdk "github.com/huaweicloud/huaweicloud-sdk-go-v3/services/swr/v2"
	"github.com/huaweicloud/huaweicloud-sdk-go-v3/services/swr/v2/model"

	"github.com/imagesync/imagesync/core"
)

// regionCache keeps, per source region, the regions SWR can sync to.
type regionCache struct {
	mu  sync.Mutex
	ttl time.Duration
	now func() time.Time
	m   map[string]regionEntry
}

type regionEntry struct {
	ids []string
	at  time.Time
}

func newRegionCache(ttl time.Duration, now func() time.Time) *regionCache {
	return &regionCache{ttl: ttl, now: now, m: map[string]regionEntry{}}
}

func (c *regionCache) get(region string) ([]string, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	ent, ok := c.m[region]
	return ent.ids, ok && c.now().Sub(ent.at) < c.ttl
}

func (c *regionCache) put(region string, ids []string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.m[region] = regionEntry{ids: ids, at: c.now()}
}

// checkTargetRegion refuses, before any sync call, a target region that
// ListSyncRegions of the source region does not list.
func (e *Engine) checkTargetRegion(ctx context.Context, source, target string) error {
	ids, ok := e.regions.get(source)
	if !ok {
		var err error
		if ids, err = e.listRegions(ctx, source); err != nil {
			return err
		}
		e.regions.put(source, ids)
	}
	if !slices.Contains(ids, target) {
		return &core.ValidationError{Fields: []core.FieldError{{Field: "target.region",
			Reason: "SWR in " + source + " cannot sync to region " + target + "; it syncs to: " + joinOr(ids)}}}
	}
	return nil
}

func (e *Engine) listRegions(ctx context.Context, region string) ([]string, error) {
	var ids []string
	err := e.retry(ctx, "ListSyncRegions", func() error {
		return e.call(ctx, region, "ListSyncRegions", func(c *swrsdk.SwrClient) error {
			resp, err := c.ListSyncRegions(&model.ListSyncRegionsRequest{})
			if err != nil {
				return err
			}
			ids = ids[:0]
			if resp.Body != nil {
				for _, r := range *resp.Body {
					ids = append(ids, r.RegionID)
				}
			}
			return nil
		})
	})
	return ids, err
}

func joinOr(ids []string) string {
	if len(ids) == 0 {
		return "(none)"
	}
	s := ids[0]
	for _, id := range ids[1:] {
		s += ", " + id
	}
	return s
}
