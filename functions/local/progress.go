package main

import (
	"fmt"
	"io"
	"os"
	"strings"
	"sync"
	"time"

	"github.com/imagesync/imagesync/adapters/registry"
)

// progressPrinter shows the engine's progress on stderr: on a terminal one
// bar redrawn in place — for a tag set, the sum of the copies in flight,
// with a line for each copy that ends — otherwise plain lines a log
// collector can keep.
type progressPrinter struct {
	w      io.Writer
	tty    bool
	mu     sync.Mutex
	active map[string]registry.Progress // on a terminal: copies in flight, by "source -> target"
}

// isTerminal reports whether w is a character device (a terminal).
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}

// interval is how often progress is drawn: often on a terminal, seldom in a
// log; every overrides both when positive.
func (p *progressPrinter) interval(every time.Duration) time.Duration {
	switch {
	case every > 0:
		return every
	case p.tty:
		return 200 * time.Millisecond
	}
	return 5 * time.Second
}

func (p *progressPrinter) show(pr registry.Progress) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.tty {
		p.draw(pr)
		return
	}
	state := "copying"
	if pr.Final {
		state = "copied"
	}
	fmt.Fprintf(p.w, "%s %s -> %s: %s of %s, %s/s, %s\n", state, pr.Source, pr.Target,
		size(pr.Done), size(pr.Total), size(int64(pr.Rate())), pr.Elapsed.Round(100*time.Millisecond))
}

// draw redraws the terminal's bar: one copy's own, or the sum of several
// with their count; a copy that ends while others go on gets its own line.
func (p *progressPrinter) draw(pr registry.Progress) {
	if p.active == nil {
		p.active = map[string]registry.Progress{}
	}
	key := pr.Source + " -> " + pr.Target
	if pr.Final {
		delete(p.active, key)
		if len(p.active) == 0 {
			fmt.Fprintf(p.w, "\r\033[K%s\n", bar(pr.Done, pr.Total, pr.Rate(), 30))
			return
		}
		fmt.Fprintf(p.w, "\r\033[Kcopied %s: %s\n", key, size(pr.Done))
	} else {
		p.active[key] = pr
	}
	var done, total int64
	var rate float64
	for _, a := range p.active {
		done, total, rate = done+a.Done, total+a.Total, rate+a.Rate()
	}
	line := bar(done, total, rate, 30)
	if len(p.active) > 1 {
		line += fmt.Sprintf("  %d copies", len(p.active))
	}
	fmt.Fprintf(p.w, "\r\033[K%s", line)
}

// bar is "[#####-----]  42% 12.0 MiB / 28.5 MiB  8.1 MiB/s": the total grows
// as the copier finds missing blobs, so the fraction may step back.
func bar(done, total int64, rate float64, width int) string {
	frac := 0.0
	if total > 0 {
		frac = min(float64(done)/float64(total), 1)
	}
	n := int(frac * float64(width))
	return fmt.Sprintf("[%s%s] %3.0f%% %s / %s  %s/s", strings.Repeat("#", n), strings.Repeat("-", width-n),
		100*frac, size(done), size(total), size(int64(rate)))
}

// size is n bytes in binary units.
func size(n int64) string {
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
