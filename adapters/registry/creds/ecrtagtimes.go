package creds

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/imagesync/imagesync/core"
)

// ecrTagTimesPages bounds the DescribeImages pages read, of 1000 images each.
const ecrTagTimesPages = 100

// ECRTagTimes tells when the tags of ECR repositories were pushed: the
// imagePushedAt of ecr:DescribeImages, signed like the ECR login (same
// credentials, same endpoint rules). The registry engine asks it for the
// hosts it serves, for jobs that take the latest N tags by push order.
type ECRTagTimes struct {
	chain    *AWS
	getenv   func(string) string
	endpoint func(region string) string
	client   *http.Client
}

// NewECRTagTimes is ECRTagTimes signed with chain's credentials; getenv,
// endpoint and client as for ECR.
func NewECRTagTimes(chain *AWS, getenv func(string) string, endpoint func(region string) string, client *http.Client) *ECRTagTimes {
	if client == nil {
		client = &http.Client{Timeout: 30 * time.Second}
	}
	return &ECRTagTimes{chain: chain, getenv: getenv, endpoint: endpoint, client: client}
}

// Serves reports whether host is an ECR registry.
func (t *ECRTagTimes) Serves(host string) bool { _, ok := ECRHost(host); return ok }

// describeImages is DescribeImages' answer: one page of images.
type describeImages struct {
	ImageDetails []struct {
		ImageTags     []string `json:"imageTags"`
		ImagePushedAt float64  `json:"imagePushedAt"` // epoch seconds
	} `json:"imageDetails"`
	NextToken string `json:"nextToken"`
}

// TagTimes maps each tag of repository (a path in host's registry) to
// when its image was pushed.
func (t *ECRTagTimes) TagTimes(ctx context.Context, host, repository string) (map[string]time.Time, error) {
	region, ok := ECRHost(host)
	if !ok {
		return nil, fmt.Errorf("%s is no ECR registry", host)
	}
	url := ecrEndpoint(t.getenv, host)
	if t.endpoint != nil && t.endpoint(region) != "" {
		url = t.endpoint(region)
	}
	provider, err := t.chain.Credentials(ctx, region)
	if err != nil {
		return nil, fmt.Errorf("ecr DescribeImages of %s/%s: %w: %v", host, repository, core.ErrUnauthorized, err)
	}
	account, _, _ := strings.Cut(host, ".")
	in := map[string]any{"registryId": account, "repositoryName": repository,
		"filter": map[string]string{"tagStatus": "TAGGED"}, "maxResults": 1000}
	times := map[string]time.Time{}
	for page := 0; page < ecrTagTimesPages; page++ {
		var out describeImages
		if err := ecrCall(ctx, t.client, provider, url, region, "DescribeImages", in, &out); err != nil {
			return nil, fmt.Errorf("ecr DescribeImages of %s/%s: %w", host, repository, err)
		}
		for _, d := range out.ImageDetails {
			at := time.Unix(0, int64(d.ImagePushedAt*1e9)).UTC()
			for _, tag := range d.ImageTags {
				times[tag] = at
			}
		}
		if out.NextToken == "" {
			return times, nil
		}
		in["nextToken"] = out.NextToken
	}
	return times, nil
}
