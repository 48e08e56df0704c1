package acr

import (
	"fmt"
	"net/url"
	"os"
	"strings"
	"time"

	"github.com/imagesync/imagesync/core"
)

// EndpointEnv names the environment variable that supplies Config.Endpoint
// when the configuration leaves it empty.
const EndpointEnv = "IMAGESYNC_ACR_ENDPOINT"

// Config configures the engine. The zero value works: every field has a
// default, listed in doc.go.
type Config struct {
	Region         string        `yaml:"region" json:"region"`
	Instance       string        `yaml:"instance" json:"instance"`
	Endpoint       string        `yaml:"endpoint" json:"endpoint"`
	ConnectTimeout time.Duration `yaml:"connectTimeout" json:"connectTimeout"`
	ReadTimeout    time.Duration `yaml:"readTimeout" json:"readTimeout"`
	MaxAttempts    int           `yaml:"maxAttempts" json:"maxAttempts"`
	RetryBase      time.Duration `yaml:"retryBase" json:"retryBase"`
	RetryMax       time.Duration `yaml:"retryMax" json:"retryMax"`
}

// endpoint is where requests go: a scheme and a host that may hold the
// placeholder {region}.
type endpoint struct{ scheme, host string }

func (e endpoint) hostFor(region string) string {
	return strings.ReplaceAll(e.host, "{region}", region)
}

// withDefaults fills the zero fields and checks the others.
func (c Config) withDefaults() (Config, endpoint, error) {
	v := &core.ValidationError{}
	if c.Region != "" {
		v.Add("acr.region", core.CheckAlibabaRegion(c.Region))
	}
	if c.Instance != "" {
		v.Add("acr.instance", core.CheckACRInstance(c.Instance))
	}
	if c.Endpoint == "" {
		c.Endpoint = os.Getenv(EndpointEnv)
	}
	ep, reason := parseEndpoint(c.Endpoint)
	v.Add("acr.endpoint", reason)
	c.ConnectTimeout = orDefault(c.ConnectTimeout, 5*time.Second)
	c.ReadTimeout = orDefault(c.ReadTimeout, 10*time.Second)
	c.RetryBase = orDefault(c.RetryBase, 200*time.Millisecond)
	c.RetryMax = orDefault(c.RetryMax, 5*time.Second)
	if c.MaxAttempts == 0 {
		c.MaxAttempts = 4
	}
	for name, d := range map[string]time.Duration{"connectTimeout": c.ConnectTimeout, "readTimeout": c.ReadTimeout,
		"retryBase": c.RetryBase, "retryMax": c.RetryMax} {
		if d < 0 {
			v.Add("acr."+name, "must not be negative")
		}
	}
	if c.MaxAttempts < 1 || c.MaxAttempts > 10 {
		v.Add("acr.maxAttempts", "must be between 1 and 10")
	}
	if c.RetryMax < c.RetryBase {
		v.Add("acr.retryMax", "must be at least retryBase")
	}
	return c, ep, v.Err()
}

func orDefault(d, def time.Duration) time.Duration {
	if d == 0 {
		return def
	}
	return d
}

// parseEndpoint reads "", a bare host ("cr-vpc.{region}.aliyuncs.com") or a
// URL ("http://127.0.0.1:8080"). It returns the endpoint or the rule broken.
func parseEndpoint(s string) (endpoint, string) {
	const rule = "must be a host (may contain {region}) or an http(s)://host[:port] URL without path or query"
	if s == "" {
		return endpoint{scheme: "HTTPS", host: "cr.{region}.aliyuncs.com"}, ""
	}
	if !strings.Contains(s, "://") {
		s = "https://" + s
	}
	u, err := url.Parse(strings.ReplaceAll(s, "{region}", "region-placeholder"))
	if err != nil || u.Host == "" || (u.Path != "" && u.Path != "/") || u.RawQuery != "" || u.User != nil {
		return endpoint{}, rule
	}
	scheme := strings.ToUpper(u.Scheme)
	if scheme != "HTTP" && scheme != "HTTPS" {
		return endpoint{}, rule
	}
	return endpoint{scheme: scheme, host: strings.ReplaceAll(u.Host, "region-placeholder", "{region}")}, ""
}

// region picks the region of a query: the one given, else the default.
func (e *Engine) region(given string) (string, error) {
	return pick("region", given, e.cfg.Region, core.CheckAlibabaRegion)
}

// instance picks the instance of a query: the one given, else the default.
func (e *Engine) instance(given string) (string, error) {
	return pick("instance", given, e.cfg.Instance, core.CheckACRInstance)
}

func pick(field, given, def string, check func(string) string) (string, error) {
	s := given
	if s == "" {
		s = def
	}
	if reason := check(s); reason != "" {
		if s == "" {
			reason = fmt.Sprintf("required (no default acr.%s is configured)", field)
		}
		return "", &core.ValidationError{Fields: []core.FieldError{{Field: field, Reason: reason}}}
	}
	return s, nil
}
