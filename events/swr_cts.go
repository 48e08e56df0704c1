package events

import (
	"encoding/json"
	"strconv"
	"strings"
	"time"

	"github.com/imagesync/imagesync/core"
)

// swrPushTraces are the CTS trace names of SWR (basic edition) that record
// an image arriving in a repository, per SWR's "Key Operations Recorded by
// CTS": postMultipartImagePackage ("Pushing an image", resource type
// images) and createImageTag ("creating an image tag", resource type
// imagetag).
var swrPushTraces = map[string]bool{"postMultipartImagePackage": true, "createImageTag": true}

type ctsEvent struct {
	CTS *struct {
		Time         json.RawMessage `json:"time"`
		ServiceType  string          `json:"service_type"`
		ResourceType string          `json:"resource_type"`
		ResourceName string          `json:"resource_name"`
		TraceName    string          `json:"trace_name"`
		TraceStatus  string          `json:"trace_status"`
		TraceID      string          `json:"trace_id"`
		Code         json.RawMessage `json:"code"`
		RegionID     string          `json:"region_id"`
		Request      json.RawMessage `json:"request"`
	} `json:"cts"`
}

// DecodeSWRCTS decodes a FunctionGraph CTS trigger event ({"cts": {...}})
// recording an SWR (basic edition) operation; SWR basic edition has no
// webhooks, and its own triggers only update CCE/CCI workloads. Traces of
// other services, other SWR operations, and failed operations (trace_status
// other than normal, or code 400 and above) are ignored. The image is
// read from the request (namespace, repository, tag) or else from
// resource_name ("namespace/repository:tag"). The registry host is host
// when given, else swr.<region_id>.myhuaweicloud.com when the trace names
// its region, else empty.
func DecodeSWRCTS(body []byte, host string) ([]core.Push, []Ignored, error) {
	var ev ctsEvent
	if err := unmarshal(SWRCTS, body, &ev); err != nil {
		return nil, nil, err
	}
	t := ev.CTS
	if t == nil {
		return nil, nil, invalid(SWRCTS, "no cts object")
	}
	var c collector
	code, _ := strconv.Atoi(strings.Trim(string(t.Code), `"`))
	switch {
	case !strings.EqualFold(t.ServiceType, "SWR"):
		c.ignore(t.TraceID, "CTS trace of service "+quoted(t.ServiceType)+" is not SWR")
	case !swrPushTraces[t.TraceName]:
		c.ignore(t.TraceID, "SWR operation "+quoted(t.TraceName)+" is not an image push")
	case (t.TraceStatus != "" && t.TraceStatus != "normal") || code >= 400:
		c.ignore(t.TraceID, "SWR "+t.TraceName+" failed (status "+quoted(t.TraceStatus)+")")
	default:
		repo, tag := swrImage(t.Request, t.ResourceName)
		if host == "" && core.CheckHuaweiRegion(t.RegionID) == "" {
			host = "swr." + t.RegionID + ".myhuaweicloud.com"
		}
		c.accept(core.Push{Registry: host, Repository: repo, Tag: tag, EventID: t.TraceID,
			Time: ctsTime(t.Time), Source: SWRCTS, Region: t.RegionID})
	}
	return c.pushes, c.ignored, nil
}

func swrImage(request json.RawMessage, resourceName string) (repo, tag string) {
	var req map[string]any
	if json.Unmarshal(request, &req) != nil {
		var s string // some traces carry the request as a JSON string
		if json.Unmarshal(request, &s) == nil {
			_ = json.Unmarshal([]byte(s), &req)
		}
	}
	str := func(keys ...string) string {
		for _, k := range keys {
			if v, ok := req[k].(string); ok && v != "" {
				return v
			}
		}
		return ""
	}
	ns, name, tag := str("namespace", "organization"), str("repository", "repo_name", "image_name"), str("tag", "image_tag")
	if ns != "" && name != "" && tag != "" {
		return ns + "/" + strings.ReplaceAll(name, "$", "/"), tag
	}
	if i := strings.LastIndexByte(resourceName, ':'); i > strings.LastIndexByte(resourceName, '/') {
		return resourceName[:i], resourceName[i+1:]
	}
	return resourceName, ""
}

// ctsTime reads a CTS time: epoch milliseconds (number or string) or RFC 3339.
func ctsTime(raw json.RawMessage) time.Time {
	s := strings.Trim(string(raw), `"`)
	if ms, err := strconv.ParseInt(s, 10, 64); err == nil && ms > 0 && ms < 1<<50 {
		return time.UnixMilli(ms).UTC()
	}
	return parseTime(s)
}
