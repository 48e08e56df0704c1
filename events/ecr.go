package events

import (
	"strings"

	"github.com/imagesync/imagesync/core"
)

type eventBridgeEvent struct {
	ID         string `json:"id"`
	DetailType string `json:"detail-type"`
	Source     string `json:"source"`
	Account    string `json:"account"`
	Time       string `json:"time"`
	Region     string `json:"region"`
	Detail     struct {
		Result            string   `json:"result"`
		RepositoryName    string   `json:"repository-name"`
		ImageDigest       string   `json:"image-digest"`
		ActionType        string   `json:"action-type"`
		ImageTag          string   `json:"image-tag"`
		ManifestMediaType string   `json:"manifest-media-type"`
		Jobs              []string `json:"jobs"`
	} `json:"detail"`
}

// DecodeECR decodes an AWS EventBridge event from aws.ecr. Only an "ECR
// Image Action" with action-type PUSH and result SUCCESS is a push; failed
// pushes, deletes and other ECR events are ignored. The registry host is
// <account>.dkr.ecr.<region>.amazonaws.com (.amazonaws.com.cn in China).
func DecodeECR(body []byte) ([]core.Push, []Ignored, error) {
	var ev eventBridgeEvent
	if err := unmarshal(ECR, body, &ev); err != nil {
		return nil, nil, err
	}
	if ev.Source != "aws.ecr" {
		return nil, nil, invalid(ECR, "source %s is not aws.ecr", quoted(ev.Source))
	}
	var c collector
	d := ev.Detail
	switch {
	case ev.DetailType != "ECR Image Action":
		c.ignore(ev.ID, "ECR event "+quoted(ev.DetailType)+" is not an image action")
	case d.ActionType != "PUSH":
		c.ignore(ev.ID, "ECR "+quoted(d.ActionType)+" of "+d.RepositoryName+" is not a push")
	case d.Result != "SUCCESS":
		c.ignore(ev.ID, "ECR push of "+d.RepositoryName+" did not succeed ("+quoted(d.Result)+")")
	default:
		c.accept(core.Push{Registry: ecrRegistry(ev.Account, ev.Region), Repository: d.RepositoryName, Tag: d.ImageTag,
			Digest: d.ImageDigest, MediaType: d.ManifestMediaType, EventID: ev.ID, Time: parseTime(ev.Time),
			Source: ECR, Region: ev.Region, Account: ev.Account})
	}
	return c.pushes, c.ignored, nil
}

// ecrRegistry is the private registry host of an account in a region, or
// "" when either looks wrong (the push is then ignored).
func ecrRegistry(account, region string) string {
	if len(account) != 12 || strings.Trim(account, "0123456789") != "" || core.CheckAWSRegion(region) != "" {
		return ""
	}
	suffix := ".amazonaws.com"
	if strings.HasPrefix(region, "cn-") {
		suffix = ".amazonaws.com.cn"
	}
	return account + ".dkr.ecr." + region + suffix
}
