package infra

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
)

// ConfigFile is the name of the configuration bundled at the root of every
// artifact (make build CONFIG=...).
const ConfigFile = "imagesync.yaml"

// The environment variables that hand a configuration to an entrypoint.
const (
	EnvConfigPath = "IMAGESYNC_CONFIG"      // a file's path
	EnvConfigYAML = "IMAGESYNC_CONFIG_YAML" // the YAML document itself
)

// FromEnv and FromDefault are the Source.From of a document read from
// IMAGESYNC_CONFIG_YAML and of the embedded default.
const (
	FromEnv     = "env"
	FromDefault = "default"
)

// Source says where the configuration came from: From is a file's path,
// FromEnv or FromDefault; Digest is "sha256:<hex>" of the bytes read (none
// for the default). Shadowed lists the other sources that were there too
// and lost to From, in lookup order.
type Source struct {
	From     string   `json:"source"`
	Digest   string   `json:"digest,omitempty"`
	Shadowed []string `json:"-"`
}

// LoadSource finds the configuration and loads it (see Load). The first
// of these wins:
//
//  1. IMAGESYNC_CONFIG, a file's path (a missing file is an error);
//  2. IMAGESYNC_CONFIG_YAML, the YAML document itself;
//  3. imagesync.yaml in a code root (CodeRoots: the executable's
//     directory, then the platform's code directory);
//  4. none: the embedded default, the registry engine alone.
func LoadSource(getenv func(string) string) (Config, Source, error) {
	src, raw, err := FindSource(getenv, CodeRoots(getenv))
	if err != nil {
		return Config{}, src, err
	}
	name := src.From
	if name == FromEnv {
		name = EnvConfigYAML
	}
	cfg, err := Parse(name, raw, getenv)
	return cfg, src, err
}

// FindSource looks for the configuration in the order LoadSource documents,
// imagesync.yaml in each of roots, and returns its bytes (nil for the
// default).
func FindSource(getenv func(string) string, roots []string) (Source, []byte, error) {
	var src Source
	var raw []byte
	found := func(from string, b []byte) {
		if src.From != "" {
			src.Shadowed = append(src.Shadowed, from)
			return
		}
		sum := sha256.Sum256(b)
		src.From, src.Digest, raw = from, "sha256:"+hex.EncodeToString(sum[:]), b
	}
	if path := getenv(EnvConfigPath); path != "" {
		b, err := os.ReadFile(path)
		if err != nil {
			return Source{From: path}, nil, fmt.Errorf("reading config (%s): %w", EnvConfigPath, err)
		}
		found(path, b)
	}
	if doc := getenv(EnvConfigYAML); doc != "" {
		found(FromEnv, []byte(doc))
	}
	for _, dir := range roots {
		path := filepath.Join(dir, ConfigFile)
		b, err := os.ReadFile(path)
		switch {
		case err == nil:
			found(path, b)
		case !errors.Is(err, fs.ErrNotExist):
			return Source{From: path}, nil, fmt.Errorf("reading config: %w", err)
		}
	}
	if src.From == "" {
		src.From = FromDefault
	}
	return src, raw, nil
}

// Log says, in one line, which source the configuration came from and what
// it shadowed.
func (s Source) Log(log *slog.Logger) {
	switch {
	case s.From == FromDefault:
		log.Info("no configuration found (" + EnvConfigPath + ", " + EnvConfigYAML + ", " + ConfigFile +
			" in the code root): the embedded default, registry engine only, no push rules or jobs")
	case len(s.Shadowed) > 0:
		log.Warn("configuration from "+s.From+"; also present and ignored, as the lookup order says",
			slog.String("source", s.From), slog.String("digest", s.Digest), slog.Any("ignored", s.Shadowed))
	default:
		log.Info("configuration from "+s.From, slog.String("source", s.From), slog.String("digest", s.Digest))
	}
}
