package swr

import (
	"fmt"
	"time"

	"github.com/imagesync/imagesync/adapters/internal/huaweicloud"
)

// Config is what infra reads from its configuration file. The zero value is
// usable when credentials come from the environment.
type Config struct {
	// Region is the default SWR region, used by Tasks when a query names none.
	Region string `yaml:"region" json:"region"`
	// Endpoint overrides the API endpoint of every region, e.g.
	// http://127.0.0.1:8080 for an emulator (env IMAGESYNC_SWR_ENDPOINT).
	Endpoint string `yaml:"endpoint" json:"endpoint"`
	// Endpoints overrides the endpoint of single regions (region -> URL).
	Endpoints map[string]string `yaml:"endpoints" json:"endpoints"`
	// ProjectID is sent as X-Project-Id (env HUAWEICLOUD_SDK_PROJECT_ID).
	// It is never discovered over the network.
	ProjectID string `yaml:"projectId" json:"projectId"`
	// Projects overrides ProjectID per region (region -> project id).
	Projects map[string]string `yaml:"projects" json:"projects"`
	// TimeoutSeconds bounds one API call (default 30); the context bounds all.
	TimeoutSeconds int `yaml:"timeoutSeconds" json:"timeoutSeconds"`
	// MaxAttempts bounds calls of one operation on 429 and 5xx (default 4).
	MaxAttempts int `yaml:"maxAttempts" json:"maxAttempts"`
	// RegionCacheSeconds is how long ListSyncRegions is trusted (default 3600).
	RegionCacheSeconds int `yaml:"regionCacheSeconds" json:"regionCacheSeconds"`
}

const (
	defaultTimeout     = 30 * time.Second
	defaultAttempts    = 4
	defaultRegionCache = time.Hour
)

// withDefaults fills the zero fields from the environment and defaults.
func (c Config) withDefaults(getenv func(string) string) Config {
	if c.Endpoint == "" {
		c.Endpoint = getenv("IMAGESYNC_SWR_ENDPOINT")
	}
	if c.ProjectID == "" {
		c.ProjectID = getenv("HUAWEICLOUD_SDK_PROJECT_ID")
	}
	if c.TimeoutSeconds == 0 {
		c.TimeoutSeconds = int(defaultTimeout / time.Second)
	}
	if c.MaxAttempts == 0 {
		c.MaxAttempts = defaultAttempts
	}
	if c.RegionCacheSeconds == 0 {
		c.RegionCacheSeconds = int(defaultRegionCache / time.Second)
	}
	return c
}

func (c Config) validate() error {
	if c.TimeoutSeconds < 0 || c.MaxAttempts < 0 || c.RegionCacheSeconds < 0 {
		return fmt.Errorf("swr config: timeoutSeconds, maxAttempts and regionCacheSeconds must not be negative")
	}
	if err := huaweicloud.CheckURL("swr", "endpoint", c.Endpoint); err != nil {
		return err
	}
	for region, u := range c.Endpoints {
		if err := huaweicloud.CheckURL("swr", "endpoints."+region, u); err != nil {
			return err
		}
	}
	return nil
}

// endpoint is the API endpoint of a region: an override, else the SDK's
// region table, else the documented pattern.
func (c Config) endpoint(region string) string {
	return huaweicloud.EndpointFor("swr-api", region, c.Endpoints[region], c.Endpoint)
}

func (c Config) project(region string) string {
	return huaweicloud.ProjectFor(c.Projects, region, c.ProjectID)
}
