package infra

import (
	"fmt"
	"io"
	"log/slog"
	"strings"
	"time"
)

// NewLogger builds the process logger: JSON lines (or text) at the
// configured level. Durations are written as people read them ("2.3s",
// "41ms"), not as nanoseconds.
func NewLogger(w io.Writer, c LogConfig) *slog.Logger {
	var level slog.Level
	_ = level.UnmarshalText([]byte(strings.ToUpper(orDefault(c.Level, "info"))))
	opts := &slog.HandlerOptions{Level: level, ReplaceAttr: humanDurations}
	if c.Format == "text" {
		return slog.New(slog.NewTextHandler(w, opts))
	}
	return slog.New(slog.NewJSONHandler(w, opts))
}

// humanDurations writes every duration attribute with HumanDuration.
func humanDurations(_ []string, a slog.Attr) slog.Attr {
	if a.Value.Kind() == slog.KindDuration {
		return slog.String(a.Key, HumanDuration(a.Value.Duration()))
	}
	return a
}

// HumanDuration rounds d to what a reader needs: tenths of a second from
// one second up (2.3s, 1m4.5s), milliseconds below (41ms), microseconds
// below that.
func HumanDuration(d time.Duration) string {
	switch abs := max(d, -d); {
	case abs >= time.Second:
		return d.Round(100 * time.Millisecond).String()
	case abs >= time.Millisecond:
		return d.Round(time.Millisecond).String()
	}
	return d.Round(time.Microsecond).String()
}

// HumanBytes is n bytes in binary units, as people read them (512 B,
// 1.5 KiB, 2.0 GiB).
func HumanBytes(n int64) string {
	const unit = 1024
	if n < unit {
		return fmt.Sprintf("%d B", n)
	}
	div, exp := int64(unit), 0
	for m := n / unit; m >= unit && exp < 4; m /= unit {
		div *= unit
		exp++
	}
	return fmt.Sprintf("%.1f %ciB", float64(n)/float64(div), "KMGTP"[exp])
}

func orDefault(s, def string) string {
	if s == "" {
		return def
	}
	return s
}
