package acr

import (
	"context"
	"fmt"
	"strconv"

	"github.com/imagesync/imagesync/core"
)

// maxRulePages bounds how many pages of 100 rules AutoSyncs reads.
const maxRulePages = 20

// AutoSyncs lists the sync rules whose source lies in the namespace (and
// repository, when given) of source, from ListRepoSyncRule.
func (e *Engine) AutoSyncs(ctx context.Context, source core.Endpoint) ([]core.AutoSync, error) {
	rules, err := e.listRules(ctx, source)
	if err != nil {
		return nil, err
	}
	out := make([]core.AutoSync, 0, len(rules))
	for _, r := range rules {
		out = append(out, toAutoSync(r))
	}
	return out, nil
}

func (e *Engine) listRules(ctx context.Context, source core.Endpoint) ([]SyncRule, error) {
	v := &core.ValidationError{}
	v.Add("source.region", core.CheckAlibabaRegion(source.Region))
	v.Add("source.instance", core.CheckACRInstance(source.Instance))
	if err := v.Err(); err != nil {
		return nil, err
	}
	var rules []SyncRule
	for page := 1; page <= maxRulePages; page++ {
		params := map[string]string{"InstanceId": source.Instance, "NamespaceName": source.Namespace,
			"RepoName": source.Repository, "PageNo": strconv.Itoa(page), "PageSize": "100"}
		var out ruleList
		err := e.retry(ctx, "ListRepoSyncRule", func() error {
			return e.invoke(ctx, source.Region, "ListRepoSyncRule", params, &out)
		})
		if err != nil {
			return nil, fmt.Errorf("listing sync rules of %s: %w", source.Instance, err)
		}
		for _, r := range out.SyncRules {
			if r.SyncDirection == "" || r.SyncDirection == "FROM" {
				rules = append(rules, r)
			}
		}
		if len(out.SyncRules) < 100 || page*100 >= int(out.TotalCount) {
			break
		}
	}
	return rules, nil
}

// CreateAutoSync makes a sync rule that ACR runs on every push (SyncTrigger
// PASSIVE). An equal rule existing already is returned instead.
func (e *Engine) CreateAutoSync(ctx context.Context, a core.AutoSync) (core.AutoSync, error) {
	a, err := normalizeAutoSync(a)
	if err != nil {
		return core.AutoSync{}, err
	}
	existing, err := e.AutoSyncs(ctx, core.Endpoint{Region: a.Source.Region, Instance: a.Source.Instance,
		Namespace: a.Source.Namespace, Repository: a.Source.Repository})
	if err != nil {
		return core.AutoSync{}, err
	}
	for _, x := range existing {
		if sameAutoSync(x, a) {
			return x, nil
		}
	}
	var out struct {
		SyncRuleID string `json:"SyncRuleId"`
	}
	err = e.retry(ctx, "CreateRepoSyncRule", func() error {
		return e.invoke(ctx, a.Source.Region, "CreateRepoSyncRule", ruleParams(a), &out)
	})
	if err != nil {
		return core.AutoSync{}, fmt.Errorf("creating sync rule %s: %w", a.Name, err)
	}
	a.ID = out.SyncRuleID
	return a, nil
}

// DeleteAutoSync removes a sync rule: by ID, else the rule equal to a.
func (e *Engine) DeleteAutoSync(ctx context.Context, a core.AutoSync) error {
	if a.ID == "" {
		found, err := e.findAutoSync(ctx, a)
		if err != nil {
			return err
		}
		a.ID = found.ID
	}
	v := &core.ValidationError{}
	v.Add("source.region", core.CheckAlibabaRegion(a.Source.Region))
	v.Add("source.instance", core.CheckACRInstance(a.Source.Instance))
	if err := v.Err(); err != nil {
		return err
	}
	params := map[string]string{"InstanceId": a.Source.Instance, "SyncRuleId": a.ID}
	err := e.retry(ctx, "DeleteRepoSyncRule", func() error {
		return e.invoke(ctx, a.Source.Region, "DeleteRepoSyncRule", params, nil)
	})
	if err != nil {
		return fmt.Errorf("deleting sync rule %s: %w", a.ID, err)
	}
	return nil
}

func (e *Engine) findAutoSync(ctx context.Context, a core.AutoSync) (core.AutoSync, error) {
	a, err := normalizeAutoSync(a)
	if err != nil {
		return core.AutoSync{}, err
	}
	existing, err := e.AutoSyncs(ctx, a.Source)
	if err != nil {
		return core.AutoSync{}, err
	}
	for _, x := range existing {
		if sameAutoSync(x, a) {
			return x, nil
		}
	}
	return core.AutoSync{}, core.Errorf(core.ErrNotFound, "no sync rule from %s to %s", a.Source, a.Target)
}
