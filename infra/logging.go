package infra

import (
	"io"
	"log/slog"
	"strings"
)

// NewLogger builds the process logger: JSON lines (or text) at the
// configured level.
func NewLogger(w io.Writer, c LogConfig) *slog.Logger {
	var level slog.Level
	_ = level.UnmarshalText([]byte(strings.ToUpper(orDefault(c.Level, "info"))))
	opts := &slog.HandlerOptions{Level: level}
	if c.Format == "text" {
		return slog.New(slog.NewTextHandler(w, opts))
	}
	return slog.New(slog.NewJSONHandler(w, opts))
}

func orDefault(s, def string) string {
	if s == "" {
		return def
	}
	return s
}
