package compat

// Doc is the imagesync configuration a translation produces: the subset of
// imagesync's keys that regsync and image-syncer settings map onto, with
// the same names (infra.Config decodes it).
type Doc struct {
	Concurrency int       `yaml:"concurrency,omitempty" json:"concurrency,omitempty"`
	Registry    *Registry `yaml:"registry,omitempty" json:"registry,omitempty"`
	Jobs        []Job     `yaml:"jobs,omitempty" json:"jobs,omitempty"`
}

// Registry is the registry engine's section.
type Registry struct {
	UserAgent   string       `yaml:"userAgent,omitempty" json:"userAgent,omitempty"`
	Referrers   bool         `yaml:"referrers,omitempty" json:"referrers,omitempty"`
	Credentials []Credential `yaml:"credentials,omitempty" json:"credentials,omitempty"`
	Hosts       []Host       `yaml:"hosts,omitempty" json:"hosts,omitempty"`
	// DockerConfig false: docker's config.json is not read (regsync's
	// skipDockerConfig).
	DockerConfig *bool `yaml:"dockerConfig,omitempty" json:"dockerConfig,omitempty"`
}

// Credential is a static login for one registry host; the secret is named,
// never held.
type Credential struct {
	Host         string `yaml:"host" json:"host"`
	Username     string `yaml:"username,omitempty" json:"username,omitempty"`
	PasswordEnv  string `yaml:"passwordEnv,omitempty" json:"passwordEnv,omitempty"`
	PasswordFile string `yaml:"passwordFile,omitempty" json:"passwordFile,omitempty"`
	Helper       string `yaml:"helper,omitempty" json:"helper,omitempty"`
}

// Host is how one registry host is reached (TLS mode, CA, client
// certificate).
type Host struct {
	Host       string `yaml:"host" json:"host"`
	Address    string `yaml:"address,omitempty" json:"address,omitempty"`
	TLS        string `yaml:"tls,omitempty" json:"tls,omitempty"`
	CA         string `yaml:"ca,omitempty" json:"ca,omitempty"`
	ClientCert string `yaml:"clientCert,omitempty" json:"clientCert,omitempty"`
	ClientKey  string `yaml:"clientKey,omitempty" json:"clientKey,omitempty"`
	// request limits (regsync's reqPerSec, reqConcurrent)
	RequestsPerSecond float64 `yaml:"requestsPerSecond,omitempty" json:"requestsPerSecond,omitempty"`
	MaxConcurrent     int     `yaml:"maxConcurrent,omitempty" json:"maxConcurrent,omitempty"`
}

// Job is one imagesync job.
type Job struct {
	Name      string   `yaml:"name" json:"name"`
	Schedule  string   `yaml:"schedule,omitempty" json:"schedule,omitempty"`
	Sources   []string `yaml:"sources" json:"sources"`
	Exclude   []string `yaml:"exclude,omitempty" json:"exclude,omitempty"`
	Tags      *Tags    `yaml:"tags,omitempty" json:"tags,omitempty"`
	Platforms []string `yaml:"platforms,omitempty" json:"platforms,omitempty"`
	Targets   []Target `yaml:"targets" json:"targets"`
}

// Tags is a job's tag filter: anchored regular expressions.
type Tags struct {
	Include []string `yaml:"include,omitempty" json:"include,omitempty"`
	Exclude []string `yaml:"exclude,omitempty" json:"exclude,omitempty"`
}

// Target is one target of a job. Both tools replace a target tag that
// holds another digest, so Override is set; Backup is regsync's backup.
type Target struct {
	Image    string `yaml:"image" json:"image"`
	Override bool   `yaml:"override,omitempty" json:"override,omitempty"`
	Backup   string `yaml:"backup,omitempty" json:"backup,omitempty"`
}
