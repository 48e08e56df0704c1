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
// bar redrawn in place, otherwise plain lines a log collector can keep.
type progressPrinter struct {
	w   io.Writer
	tty bool
	mu  sync.Mutex
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
		fmt.Fprintf(p.w, "\r\033[K%s", bar(pr, 30))
		if pr.Final {
			fmt.Fprintln(p.w)
		}
		return
	}
	state := "copying"
	if pr.Final {
		state = "copied"
	}
	fmt.Fprintf(p.w, "%s %s -> %s: %s of %s, %s/s, %s\n", state, pr.Source, pr.Target,
		size(pr.Done), size(pr.Total), size(int64(pr.Rate())), pr.Elapsed.Round(100*time.Millisecond))
}

// bar is "[#####-----]  42% 12.0 MiB / 28.5 MiB  8.1 MiB/s": the total grows
// as the copier finds missing blobs, so the fraction may step back.
func bar(pr registry.Progress, width int) string {
	frac := 0.0
	if pr.Total > 0 {
		frac = min(float64(pr.Done)/float64(pr.Total), 1)
	}
	n := int(frac * float64(width))
	return fmt.Sprintf("[%s%s] %3.0f%% %s / %s  %s/s", strings.Repeat("#", n), strings.Repeat("-", width-n),
		100*frac, size(pr.Done), size(pr.Total), size(int64(pr.Rate())))
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
