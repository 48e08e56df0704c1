package infra

import (
	"fmt"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/imagesync/imagesync/adapters/acr"
	"github.com/imagesync/imagesync/adapters/hss"
	"github.com/imagesync/imagesync/adapters/registry"
	"github.com/imagesync/imagesync/adapters/swr"
	"github.com/imagesync/imagesync/core"
)

// Config is imagesync's configuration. The zero value (no file) is the
// embedded default: the registry engine alone, tasks kept in memory.
type Config struct {
	Log     LogConfig `json:"log"`
	History *int      `json:"history,omitempty"` // tasks kept in memory (default 1000)
	// Concurrency is how many syncs a push or tick runs at once (default 8).
	Concurrency int            `json:"concurrency,omitempty"`
	Registry    RegistryConfig `json:"registry"`

	// TickInterval is the period of the platforms' one timer (default 1m,
	// env IMAGESYNC_TICK_INTERVAL): each tick runs the jobs due since the
	// one before (ticks.go).
	TickInterval time.Duration `json:"tickInterval,omitempty"`

	// Native engines: each is on when its section is present.
	ACR *acr.Config `json:"acr,omitempty"`
	SWR *swr.Config `json:"swr,omitempty"`
	HSS *hss.Config `json:"hss,omitempty"`

	Events EventsConfig `json:"events"`

	// Security (security.go): who may call, how webhooks are verified,
	// what callers and triggers may name, and how much a call may do.
	Auth     AuthConfig               `json:"auth"`
	Webhooks map[string]WebhookConfig `json:"webhooks,omitempty"` // keyed by push format: distribution, harbor, swr-ee, ...
	Policy   PolicyConfig             `json:"policy"`
	Limits   LimitsConfig             `json:"limits"`
	Server   ServerConfig             `json:"server"` // timeouts of the HTTP edge and the shutdown grace (server.go)

	// onPush, jobs and autoSync: what pushes and ticks lead to.
	core.Triggers

	// Translated is set when the file was regsync's or image-syncer's.
	Translated *Translation `json:"-"`
}

// EventsConfig sets how push payloads are read.
type EventsConfig struct {
	// Host is the registry host reported for payloads that name none (the
	// ACR webhook, SWR CTS traces) and replaces a distribution
	// notification's request.host.
	Host string `json:"host,omitempty"`
}

// LogConfig sets logging.
type LogConfig struct {
	Level  string `json:"level"`  // debug, info (default), warn, error
	Format string `json:"format"` // json (default) or text
}

// maxMaxWait bounds registry.maxWait.
const maxMaxWait = 24 * time.Hour

// RegistryConfig sets the direct copy engine.
type RegistryConfig struct {
	Disabled  bool   `json:"disabled"`  // turn the engine off (only native engines remain)
	Jobs      int    `json:"jobs"`      // blobs streaming at once, all syncs together (default 16)
	UserAgent string `json:"userAgent"` // default "imagesync"
	// Attempts is how many tries a failing request or blob gets (default 5).
	Attempts int `json:"attempts,omitempty"`
	// Credentials are static logins per registry host, tried before the
	// docker config.json and its credential helpers. Secrets come from an
	// environment variable or a file, never from this file.
	Credentials []registry.Credential `json:"credentials,omitempty"`
	// Hosts sets TLS per registry host (as regsync's tls and regcert):
	// tls enabled (default; verified against the system's roots plus ca),
	// insecure (TLS without verification) or disabled (plain HTTP), and a
	// client certificate, and the address a host is reached at when it is
	// not the host itself (regsync's hostname). Hosts without an entry:
	// HTTPS, with plain HTTP tried too for localhost, 127.0.0.1, [::1] and
	// private addresses.
	Hosts []registry.HostTLS `json:"hosts,omitempty"`
	// ACRHosts maps ACR EE instance ids (or regions) to registry domains, so
	// that {"engine": "acr", ...} endpoints can be copied to and from.
	// SWR endpoints resolve to swr.<region>.myhuaweicloud.com.
	ACRHosts map[string]string `json:"acrHosts,omitempty"`
	// Platforms, when set, copies only these platforms ("linux/amd64",
	// "linux/arm64/v8") of a source index: the target gets a new index of
	// those manifests, whose digest differs from the source's (the task
	// says so, and later syncs compare against that filtered digest).
	Platforms []string `json:"platforms,omitempty"`
	// Referrers also copies what points at each copied digest: OCI
	// referrers (API or sha256-<hex> fallback tag) and cosign's
	// .sig/.att/.sbom tags, and theirs, 4 levels deep. Costs a lookup per
	// subject (image, index child, referrer), no-op syncs included.
	Referrers bool `json:"referrers,omitempty"`
	// ProgressSeconds is how often a running copy logs its progress
	// (default 10; -1 never).
	ProgressSeconds int `json:"progressSeconds,omitempty"`
	// MaxWait is the longest single wait the engine accepts for a
	// registry's Retry-After (429, 503) or for a pull quota's reset
	// (ratelimit-reset, when ratelimit-remaining is below what a copy
	// needs), as a duration such as 10m (default 2m; 0 waits for none;
	// at most 24h). A longer ask, or one the request's deadline would
	// cut, fails at once as throttled, with the wait asked in Retry-After.
	MaxWait *time.Duration `json:"maxWait,omitempty"`
	// PrepareTargets lets the engine create a missing target repository
	// when it pushes into ACR EE or SWR coordinates: ACR EE
	// CreateRepository (PRIVATE; CreateNamespace first when the namespace
	// is missing) through the acr section's settings and credentials, SWR
	// CreateRepo (private; CreateNamespace when needed) through the swr
	// section's. It needs at least one of those sections. Default off: a
	// missing repository then fails the copy as not found.
	PrepareTargets bool `json:"prepareTargets,omitempty"`
	// Ranges sets how large blobs are fetched from a slow source (ranges.go).
	Ranges RangesConfig `json:"ranges,omitempty"`
	// DockerConfig false leaves docker's config.json and its credential
	// helpers unread (default true: read after credentials, before the
	// clouds' chains): regsync's skipDockerConfig, for a machine whose
	// docker logins are not meant for the syncs.
	DockerConfig *bool `json:"dockerConfig,omitempty"`
}

func (r RegistryConfig) validate(v *core.ValidationError) {
	if r.Jobs < 0 || r.Jobs > 64 {
		v.Add("registry.jobs", "must be between 1 and 64")
	}
	if r.Attempts < 0 || r.Attempts > 20 {
		v.Add("registry.attempts", "must be between 1 and 20")
	}
	for i, c := range r.Credentials {
		v.Add(fmt.Sprintf("registry.credentials[%d]", i), c.Check())
	}
	for i, p := range registry.CheckHosts(r.Hosts) {
		path := fmt.Sprintf("registry.hosts[%d]", i)
		if p.Field != "" {
			path += "." + p.Field
		}
		v.Add(path, p.Reason)
	}
	if err := registry.CheckPlatforms(r.Platforms); err != nil {
		v.Add("registry.platforms", "each must be os/arch[/variant], e.g. linux/arm64/v8")
	}
	if r.ProgressSeconds < -1 {
		v.Add("registry.progressSeconds", "must be -1 (never), 0 (default 10) or more")
	}
	if r.MaxWait != nil && (*r.MaxWait < 0 || *r.MaxWait > maxMaxWait) {
		v.Add("registry.maxWait", "must be a duration between 0 (never wait) and 24h")
	}
	r.Ranges.validate(v)
}

// Load reads the YAML file at path (none when path is "") and applies the
// environment: IMAGESYNC_LOG_LEVEL, IMAGESYNC_LOG_FORMAT, IMAGESYNC_HISTORY.
// Every problem is reported at once, in a *ConfigError naming the file (or
// the environment variable) and the path of each.
func Load(path string, getenv func(string) string) (Config, error) {
	var raw []byte
	if path != "" {
		var err error
		if raw, err = os.ReadFile(path); err != nil {
			return Config{}, fmt.Errorf("reading config: %w", err)
		}
	}
	return parse(path, raw, getenv)
}

// Parse is Load of a document already read: raw holds the YAML (empty: no
// document), path names where it came from in messages (a file, or the
// environment variable that held it).
func Parse(path string, raw []byte, getenv func(string) string) (Config, error) {
	return parse(path, raw, getenv)
}

// parse decodes raw, the document named source (nothing when raw is
// empty), applies the environment and checks every section, collecting
// every problem in one *ConfigError.
func parse(source string, raw []byte, getenv func(string) string) (Config, error) {
	var cfg Config
	problems := &ConfigError{}
	if len(raw) > 0 {
		bad := &core.ValidationError{}
		if err := decodeConfig(raw, getenv, &cfg, bad); err != nil { // translate.go: regsync, image-syncer
			return cfg, fmt.Errorf("config %s: %w", source, err)
		}
		problems.add(source, bad)
	}
	env := &core.ValidationError{}
	applyEnv(&cfg, getenv, env)
	problems.add("environment", env)
	v := &core.ValidationError{}
	cfg.validate(v)
	loadSecurity(&cfg, getenv, v)
	for _, f := range v.Fields {
		src := orDefault(source, "environment")
		if name := envKeys[f.Field]; name != "" && getenv(name) != "" {
			src = "environment " + name
		}
		problems.Problems = append(problems.Problems, Problem{Source: src, Path: f.Field, Reason: f.Reason})
	}
	relabel(problems, source, cfg.Translated)
	return cfg, problems.err()
}

// envKeys are the keys the environment may set, by the variable that does.
var envKeys = map[string]string{"log.level": "IMAGESYNC_LOG_LEVEL", "log.format": "IMAGESYNC_LOG_FORMAT",
	"history": "IMAGESYNC_HISTORY", "auth.mode": "IMAGESYNC_AUTH_MODE", "tickInterval": EnvTickInterval}

func applyEnv(cfg *Config, getenv func(string) string, v *core.ValidationError) {
	if s := getenv("IMAGESYNC_LOG_LEVEL"); s != "" {
		cfg.Log.Level = s
	}
	if s := getenv("IMAGESYNC_LOG_FORMAT"); s != "" {
		cfg.Log.Format = s
	}
	if s := getenv("IMAGESYNC_HISTORY"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil {
			v.Add("IMAGESYNC_HISTORY", "must be an integer")
		}
		cfg.History = &n
	}
	applyTickEnv(cfg, getenv, v)
}

func (c *Config) validate(v *core.ValidationError) {
	if ve, ok := c.Triggers.Validate().(*core.ValidationError); ok {
		v.Fields = append(v.Fields, ve.Fields...)
	}
	switch strings.ToLower(c.Log.Level) {
	case "", "debug", "info", "warn", "error":
	default:
		v.Add("log.level", "must be debug, info, warn or error")
	}
	switch c.Log.Format {
	case "", "json", "text":
	default:
		v.Add("log.format", "must be json or text")
	}
	if c.History != nil && (*c.History < 0 || *c.History > 1_000_000) {
		v.Add("history", "must be between 0 and 1000000")
	}
	if c.Concurrency < 0 || c.Concurrency > 64 {
		v.Add("concurrency", "must be between 1 and 64")
	}
	c.Registry.validate(v)
	validateSchedules(c, v)
	c.Server.validate(v)
	if c.Registry.PrepareTargets && c.ACR == nil && c.SWR == nil {
		v.Add("registry.prepareTargets", "needs an acr or swr section: their APIs create the repositories")
	}
}
