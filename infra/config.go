package infra

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"

	"github.com/imagesync/imagesync/core"
	"gopkg.in/yaml.v3"
)

// Config is imagesync's configuration. The zero value (no file) is the
// embedded default: the registry engine alone, tasks kept in memory.
type Config struct {
	Log      LogConfig      `yaml:"log"`
	History  *int           `yaml:"history"` // tasks kept in memory (default 1000)
	Registry RegistryConfig `yaml:"registry"`
}

// LogConfig sets logging.
type LogConfig struct {
	Level  string `yaml:"level"`  // debug, info (default), warn, error
	Format string `yaml:"format"` // json (default) or text
}

// RegistryConfig sets the direct copy engine.
type RegistryConfig struct {
	Disabled  bool   `yaml:"disabled"`  // turn the engine off (only native engines remain)
	Jobs      int    `yaml:"jobs"`      // blobs in flight per image (default 8)
	UserAgent string `yaml:"userAgent"` // default "imagesync"
}

// Load reads the YAML file at path (none when path is "") and applies the
// environment: IMAGESYNC_LOG_LEVEL, IMAGESYNC_LOG_FORMAT, IMAGESYNC_HISTORY.
func Load(path string, getenv func(string) string) (Config, error) {
	var cfg Config
	if path != "" {
		raw, err := os.ReadFile(path)
		if err != nil {
			return cfg, fmt.Errorf("reading config: %w", err)
		}
		if err := decodeYAML(raw, &cfg); err != nil {
			return cfg, fmt.Errorf("config %s: %w", path, err)
		}
	}
	v := &core.ValidationError{}
	applyEnv(&cfg, getenv, v)
	cfg.validate(v)
	if err := v.Err(); err != nil {
		return cfg, fmt.Errorf("config: %w", err)
	}
	return cfg, nil
}

// decodeYAML decodes one YAML document, refusing unknown keys.
func decodeYAML(raw []byte, cfg *Config) error {
	dec := yaml.NewDecoder(bytes.NewReader(raw))
	dec.KnownFields(true)
	if err := dec.Decode(cfg); err != nil && !errors.Is(err, io.EOF) {
		return fmt.Errorf("%w: %s", core.ErrInvalid, strings.TrimPrefix(err.Error(), "yaml: "))
	}
	return nil
}

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
}

func (c *Config) validate(v *core.ValidationError) {
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
	if c.Registry.Jobs < 0 || c.Registry.Jobs > 64 {
		v.Add("registry.jobs", "must be between 1 and 64")
	}
}
