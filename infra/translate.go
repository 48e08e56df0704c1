package infra

import (
	"errors"
	"fmt"
	"log/slog"
	"os"
	"reflect"

	"github.com/imagesync/imagesync/core"
	"github.com/imagesync/imagesync/infra/compat"
	"gopkg.in/yaml.v3"
)

// Translation is how a configuration written for regsync or image-syncer
// was read: its dialect, the notes on keys mapped with a difference, and
// where each part of the imagesync document came from.
type Translation = compat.Result

// decodeConfig decodes raw into cfg, recording in bad every problem by
// its path: an imagesync document as it is, a regsync or image-syncer one
// (detected by its shape, or named by IMAGESYNC_CONFIG_FORMAT, the CLI's
// --config-format) translated first (a key it refuses is a problem at its
// path in raw), then decoded by the same strict rules.
func decodeConfig(raw []byte, getenv func(string) string, cfg *Config, bad *core.ValidationError) error {
	raw, name, err := joinAuth(raw, getenv)
	if err != nil {
		return err
	}
	format, err := ConfigFormat(raw, name)
	if err != nil {
		return err
	}
	if format == compat.Imagesync {
		return decodeStrict(raw, cfg, bad)
	}
	t, err := compat.Translate(raw, format, compat.Options{Getenv: getenv})
	var refused *core.ValidationError
	if errors.As(err, &refused) {
		bad.Fields = append(bad.Fields, refused.Fields...)
		return nil
	}
	if err != nil {
		return err
	}
	doc, err := yaml.Marshal(t.Doc)
	if err != nil {
		return err
	}
	cfg.Translated = t
	return decodeStrict(doc, cfg, bad)
}

// ConfigFormat is the dialect of a configuration: the one named (imagesync,
// regsync, image-syncer), else the one its shape tells.
func ConfigFormat(raw []byte, name string) (compat.Format, error) {
	format, err := compat.ParseFormat(name)
	if err != nil || format != "" {
		return format, err
	}
	return compat.Detect(raw, nativeKey)
}

// nativeKey reports whether k is a top-level key of imagesync's own.
func nativeKey(k string) bool {
	_, ok := jsonFields(reflect.TypeOf(Config{}))[k]
	return ok
}

// relabel names the paths of a translated document's problems by the
// input's paths: "sync[1] (jobs[2].tags.include[0])".
func relabel(e *ConfigError, source string, t *Translation) {
	if t == nil {
		return
	}
	for i, p := range e.Problems {
		if p.Source == source {
			e.Problems[i].Path = t.Relabel(p.Path)
		}
	}
}

// logTranslation says, once per start, that the configuration was another
// tool's, and how keys were mapped with a difference.
func logTranslation(log *slog.Logger, t *Translation) {
	if t == nil {
		return
	}
	log.Info("configuration translated", slog.String("from", string(t.Format)), slog.Int("jobs", len(t.Doc.Jobs)))
	for _, n := range t.Notes {
		log.Warn("configuration translated with a difference", slog.String("from", string(t.Format)), slog.String("note", n))
	}
}

// EnvConfigAuth names an image-syncer auth file read with the
// configuration, as image-syncer reads --auth with --images (the CLI's
// --auth).
const EnvConfigAuth = "IMAGESYNC_CONFIG_AUTH"

// joinAuth is raw joined with the auth file EnvConfigAuth names, if any,
// and the dialect to read it in (IMAGESYNC_CONFIG_FORMAT, or image-syncer
// with an auth file).
func joinAuth(raw []byte, getenv func(string) string) ([]byte, string, error) {
	name, path := getenv("IMAGESYNC_CONFIG_FORMAT"), getenv(EnvConfigAuth)
	if path == "" {
		return raw, name, nil
	}
	if name != "" && name != string(compat.ImageSyncer) {
		return nil, "", fmt.Errorf("%s (--auth): an auth file goes with an image-syncer configuration, not %s", EnvConfigAuth, name)
	}
	auth, err := os.ReadFile(path)
	if err != nil {
		return nil, "", fmt.Errorf("%s (--auth): %w", EnvConfigAuth, err)
	}
	joined, err := compat.WithAuth(auth, raw)
	if err != nil {
		return nil, "", fmt.Errorf("%s (--auth) %s: %w", EnvConfigAuth, path, err)
	}
	return joined, string(compat.ImageSyncer), nil
}
