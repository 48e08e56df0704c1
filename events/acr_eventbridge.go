package events

import (
	"encoding/json"
	"strings"

	"github.com/imagesync/imagesync/core"
)

type cloudEvent struct {
	SpecVersion    string          `json:"specversion"`
	ID             string          `json:"id"`
	Source         string          `json:"source"`
	Type           string          `json:"type"`
	Time           string          `json:"time"`
	Data           json.RawMessage `json:"data"`
	AliyunRegionID string          `json:"aliyunregionid"`
	AliyunAccount  string          `json:"aliyunaccountid"`
}

// DecodeACREventBridge decodes an Alibaba EventBridge CloudEvent from
// source acs.cr. Only type cr:Artifact:PushCompleted is a push; other
// acs.cr types are ignored. The documented samples of data are thin, so
// keys are looked up case-insensitively among several spellings:
// RepoNamespaceName/namespace, RepoName/repository, Tag, Digest,
// InstanceId, InstanceName, RegionId. The registry host is host when
// given, else the default ACR EE domain <InstanceName>-registry.<RegionId>.cr.aliyuncs.com
// when both are known, else empty.
func DecodeACREventBridge(body []byte, host string) ([]core.Push, []Ignored, error) {
	var ev cloudEvent
	if err := unmarshal(ACREventBridge, body, &ev); err != nil {
		return nil, nil, err
	}
	if ev.Source != "acs.cr" {
		return nil, nil, invalid(ACREventBridge, "source %s is not acs.cr", quoted(ev.Source))
	}
	var c collector
	if ev.Type != "cr:Artifact:PushCompleted" {
		c.ignore(ev.ID, "acs.cr event "+quoted(ev.Type)+" is not an image push")
		return nil, c.ignored, nil
	}
	var raw map[string]any
	if err := json.Unmarshal(ev.Data, &raw); err != nil || raw == nil {
		return nil, nil, invalid(ACREventBridge, "data is not a JSON object")
	}
	data := map[string]string{}
	for k, v := range raw {
		if s, ok := v.(string); ok {
			data[strings.ToLower(k)] = s
		}
	}
	pick := func(keys ...string) string {
		for _, k := range keys {
			if v := data[k]; v != "" {
				return v
			}
		}
		return ""
	}
	region := pick("regionid", "region")
	if region == "" {
		region = ev.AliyunRegionID
	}
	ns, name := pick("reponamespacename", "namespace", "reponamespace"), pick("reponame", "repository", "repo")
	repo := name
	if ns != "" && !strings.HasPrefix(name, ns+"/") {
		repo = ns + "/" + name
	}
	if inst := pick("instancename"); host == "" && inst != "" && region != "" {
		host = strings.ToLower(inst) + "-registry." + region + ".cr.aliyuncs.com"
	}
	c.accept(core.Push{Registry: host, Repository: repo, Tag: pick("tag", "imagetag"),
		Digest: pick("digest", "manifestdigest", "imagedigest"), EventID: ev.ID, Time: parseTime(ev.Time),
		Source: ACREventBridge, Region: region, Instance: pick("instanceid"), Account: ev.AliyunAccount})
	return c.pushes, c.ignored, nil
}
