package creds

import (
	"context"
	"fmt"
	"strings"

	"github.com/imagesync/imagesync/core"
)

// ecrRepoPages bounds the DescribeRepositories pages read, of 1000 each.
const ecrRepoPages = 1000

// describeRepositories is DescribeRepositories' answer: one page.
type describeRepositories struct {
	Repositories []struct {
		RepositoryName string `json:"repositoryName"`
	} `json:"repositories"`
	NextToken string `json:"nextToken"`
}

// Repositories lists the repositories of host's registry (ECR has no
// catalog) under prefix: ecr:DescribeRepositories of the host's account,
// 1000 a page, every nextToken followed, signed like the login. It makes
// ECRTagTimes a registry.RepositorySource, for jobs whose sources end in
// /**.
func (t *ECRTagTimes) Repositories(ctx context.Context, host, prefix string) (core.Listing, error) {
	region, ok := ECRHost(host)
	if !ok {
		return core.Listing{}, core.Errorf(core.ErrInvalid, "%s is no ECR registry", host)
	}
	url := ecrEndpoint(t.getenv, host)
	if t.endpoint != nil && t.endpoint(region) != "" {
		url = t.endpoint(region)
	}
	provider, err := t.chain.Credentials(ctx, region)
	if err != nil {
		return core.Listing{}, fmt.Errorf("ecr DescribeRepositories of %s: %w: %v", host, core.ErrUnauthorized, err)
	}
	account, _, _ := strings.Cut(host, ".")
	in := map[string]any{"registryId": account, "maxResults": 1000}
	var l core.Listing
	for range ecrRepoPages {
		var out describeRepositories
		if err := ecrCall(ctx, t.client, provider, url, region, "DescribeRepositories", in, &out); err != nil {
			return core.Listing{}, fmt.Errorf("ecr DescribeRepositories of %s: %w", host, err)
		}
		for _, r := range out.Repositories {
			if core.UnderPrefix(prefix, r.RepositoryName) {
				l.Repositories = append(l.Repositories, r.RepositoryName)
			}
		}
		if out.NextToken == "" {
			return l, nil
		}
		in["nextToken"] = out.NextToken
	}
	return core.Listing{}, core.Errorf(core.ErrUnavailable, "ecr DescribeRepositories of %s: over %d pages", host, ecrRepoPages)
}
