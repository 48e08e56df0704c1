package huaweicloud

import (
	"fmt"
	"net/url"
	"strings"
)

// Endpoint is the API endpoint of service ("swr-api", "hss") in region, as
// the SDK's region tables give it: https://<service>.<region>.myhuaweicloud.com,
// and .eu for the European sovereign region. Built here rather than read
// from the SDK's region packages, which pull a YAML parser and region
// files into every binary for one rule.
func Endpoint(service, region string) string {
	domain := "myhuaweicloud.com"
	if region == "eu-west-101" {
		domain = "myhuaweicloud.eu"
	}
	return "https://" + service + "." + region + "." + domain
}

// EndpointFor is the endpoint of service in region: the first override
// that is set (trailing slashes dropped), else Endpoint's.
func EndpointFor(service, region string, overrides ...string) string {
	for _, u := range overrides {
		if u != "" {
			return strings.TrimRight(u, "/")
		}
	}
	return Endpoint(service, region)
}

// ProjectFor is the project id of region: its entry in projects, else def.
func ProjectFor(projects map[string]string, region, def string) string {
	if p := projects[region]; p != "" {
		return p
	}
	return def
}

// CheckURL refuses an endpoint override that is not an http(s) URL with a
// host ("" passes: no override).
func CheckURL(section, field, s string) error {
	if s == "" {
		return nil
	}
	u, err := url.Parse(s)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return fmt.Errorf("%s config: %s must be an http(s) URL, got %q", section, field, s)
	}
	return nil
}
