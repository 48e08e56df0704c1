package events

import (
	"time"

	"github.com/imagesync/imagesync/core"
)

type acrWebhook struct {
	PushData *struct {
		Digest   string `json:"digest"`
		PushedAt string `json:"pushed_at"`
		Tag      string `json:"tag"`
	} `json:"push_data"`
	Repository struct {
		Name         string `json:"name"`
		Namespace    string `json:"namespace"`
		Region       string `json:"region"`
		RepoFullName string `json:"repo_full_name"`
	} `json:"repository"`
}

// DecodeACRWebhook decodes the body an Alibaba ACR trigger (webhook)
// posts: {"push_data": {"digest", "pushed_at", "tag"}, "repository":
// {"namespace", "name", "region", "repo_full_name", ...}}. The body names
// no registry host: host is used when given, else Registry stays empty
// and the region is reported, for a rule's source template or for the
// caller to resolve (ACRPersonalHost for personal edition instances; an
// ACR EE instance has its own host, which only configuration knows).
// pushed_at is taken as UTC+8 (Alibaba's console time), the time of the
// samples the documentation shows.
func DecodeACRWebhook(body []byte, host string) ([]core.Push, []Ignored, error) {
	var w acrWebhook
	if err := unmarshal(ACR, body, &w); err != nil {
		return nil, nil, err
	}
	if w.PushData == nil {
		return nil, nil, invalid(ACR, "no push_data")
	}
	repo := w.Repository.RepoFullName
	if repo == "" && w.Repository.Namespace != "" {
		repo = w.Repository.Namespace + "/" + w.Repository.Name
	}
	var c collector
	when := parseTime(w.PushData.PushedAt)
	if !when.IsZero() && len(w.PushData.PushedAt) == len("2006-01-02 15:04:05") {
		when = when.Add(-8 * time.Hour)
	}
	c.accept(core.Push{Registry: host, Repository: repo, Tag: w.PushData.Tag, Digest: w.PushData.Digest,
		Time: when, Source: ACR, Region: w.Repository.Region})
	return c.pushes, c.ignored, nil
}

// ACRPersonalHost is the public host of ACR personal edition in a region:
// registry.<region>.aliyuncs.com. ACR EE instances have their own hosts.
func ACRPersonalHost(region string) string {
	if core.CheckAlibabaRegion(region) != "" {
		return ""
	}
	return "registry." + region + ".aliyuncs.com"
}
