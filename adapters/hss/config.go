package hss

import (
	"fmt"
	"slices"
	"strings"

	"github.com/imagesync/imagesync/adapters/internal/huaweicloud"

	"github.com/imagesync/imagesync/core"
)

// Config is what infra reads from its configuration file. The defaults
// (project, region, registries) serve the after-step, whose target names
// nothing but the engine.
type Config struct {
	// Region is the default region: its endpoint and "region" header.
	Region string `yaml:"region" json:"region"`
	// Endpoint overrides the API endpoint, e.g. http://127.0.0.1:8080 for an
	// emulator (env IMAGESYNC_HSS_ENDPOINT).
	Endpoint string `yaml:"endpoint" json:"endpoint"`
	// ProjectID is the default project (env HUAWEICLOUD_SDK_PROJECT_ID); it
	// is never discovered over the network.
	ProjectID string `yaml:"projectId" json:"projectId"`
	// Projects overrides ProjectID per region (region -> project id).
	Projects map[string]string `yaml:"projects" json:"projects"`
	// EnterpriseProjectID is sent as enterprise_project_id when set.
	EnterpriseProjectID string `yaml:"enterpriseProjectId" json:"enterpriseProjectId"`
	// All makes the after-step refresh every registry.
	All bool `yaml:"all" json:"all"`
	// Registries are the after-step's registries.
	Registries []core.HSSRegistry `yaml:"registries" json:"registries"`
	// RegistriesByHost picks the after-step's registry by the synced
	// image's registry host (e.g. swr.cn-north-4.myhuaweicloud.com); it
	// wins over Registries and All.
	RegistriesByHost map[string]core.HSSRegistry `yaml:"registriesByHost" json:"registriesByHost"`
	// TimeoutSeconds bounds one API call (default 30).
	TimeoutSeconds int `yaml:"timeoutSeconds" json:"timeoutSeconds"`
	// MaxAttempts bounds calls on 429 and 5xx (default 4).
	MaxAttempts int `yaml:"maxAttempts" json:"maxAttempts"`
}

func (c Config) withDefaults(getenv func(string) string) Config {
	if c.Endpoint == "" {
		c.Endpoint = getenv("IMAGESYNC_HSS_ENDPOINT")
	}
	if c.ProjectID == "" {
		c.ProjectID = getenv("HUAWEICLOUD_SDK_PROJECT_ID")
	}
	if c.TimeoutSeconds == 0 {
		c.TimeoutSeconds = 30
	}
	if c.MaxAttempts == 0 {
		c.MaxAttempts = 4
	}
	return c
}

func (c Config) validate() error {
	if c.TimeoutSeconds < 0 || c.MaxAttempts < 0 {
		return fmt.Errorf("hss config: timeoutSeconds and maxAttempts must not be negative")
	}
	if err := huaweicloud.CheckURL("hss", "endpoint", c.Endpoint); err != nil {
		return err
	}
	if c.Region != "" && core.CheckHuaweiRegion(c.Region) != "" {
		return fmt.Errorf("hss config: region: %s", core.CheckHuaweiRegion(c.Region))
	}
	regs := slices.Clone(c.Registries)
	for _, r := range c.RegistriesByHost {
		regs = append(regs, r)
	}
	for _, r := range regs {
		if r.ID == "" || !slices.Contains(core.HSSRegistryTypes, r.Type) {
			return fmt.Errorf("hss config: registry %q: needs an id and a type among %s", r.ID, strings.Join(core.HSSRegistryTypes, ", "))
		}
	}
	return nil
}

func (c Config) endpoint(region string) string {
	return huaweicloud.EndpointFor("hss", region, c.Endpoint)
}

func (c Config) project(region string) string {
	return huaweicloud.ProjectFor(c.Projects, region, c.ProjectID)
}
