package main

import (
	"fmt"
	"strings"
	"sync"
	"time"

	"github.com/imagesync/imagesync/adapters/registry"
	"github.com/imagesync/imagesync/infra"
)

// progressPrinter shows the engine's progress on the console. On a
// terminal: one bar, redrawn in place, over every copy of the command —
// bytes moved of the bytes the plan found missing before any moved, the
// rate and the time left — with a line above it for each copy that ends
// while others go on. Elsewhere: plain lines a log collector can keep.
type progressPrinter struct {
	con   *console
	plan  int64 // bytes the plan says will move (0: unknown, the copies' own totals count)
	many  bool  // a tag set: a line for each copy that ends
	start time.Time
	now   func() time.Time

	mu     sync.Mutex
	active map[string]registry.Progress // copies in flight, by "source -> target"
	ended  int64                        // bytes moved by the copies that ended
	shown  bool                         // a bar was drawn
}

func newProgress(con *console, plan int64, many bool) *progressPrinter {
	return &progressPrinter{con: con, plan: plan, many: many, start: time.Now(), now: time.Now,
		active: map[string]registry.Progress{}}
}

// interval is how often progress is drawn: often on a terminal, seldom in a
// log; every overrides both when positive.
func (p *progressPrinter) interval(every time.Duration) time.Duration {
	switch {
	case every > 0:
		return every
	case p.con.tty:
		return 200 * time.Millisecond
	}
	return 5 * time.Second
}

// show is the engine's progress hook.
func (p *progressPrinter) show(pr registry.Progress) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if !p.con.tty {
		p.con.line(p.plainLine(pr))
		return
	}
	key := pr.Source + " -> " + pr.Target
	var above []string
	if pr.Final {
		delete(p.active, key)
		p.ended += pr.Done
		if p.many {
			above = append(above, fmt.Sprintf("copied %s: %s in %s", key, infra.HumanBytes(pr.Done), infra.HumanDuration(pr.Elapsed)))
		}
	} else {
		p.active[key] = pr
	}
	done, total := p.sums()
	line := bar(done, total, p.now().Sub(p.start), 30)
	if len(p.active) > 1 {
		line += fmt.Sprintf("  %d copies", len(p.active))
	}
	p.shown = true
	p.con.draw(line, above...)
}

// sums are the bytes moved so far and the bytes to move in all: the
// plan's, or while it is unknown the copies' own (which grow as they find
// missing blobs); never less than what moved.
func (p *progressPrinter) sums() (done, total int64) {
	done, total = p.ended, p.plan
	var found int64
	for _, a := range p.active {
		done += a.Done
		found += a.Total
	}
	if total <= 0 {
		total = p.ended + found
	}
	return done, max(total, done)
}

// finish replaces the bar with its final line: what moved, how long it
// took, at what rate. It prints nothing when nothing moved.
func (p *progressPrinter) finish() {
	p.mu.Lock()
	defer p.mu.Unlock()
	if !p.con.tty || !p.shown {
		return
	}
	done, _ := p.sums()
	took := p.now().Sub(p.start)
	p.con.finish(fmt.Sprintf("[%s] 100%% %s in %s  %s/s", strings.Repeat("#", 30), infra.HumanBytes(done),
		infra.HumanDuration(took), infra.HumanBytes(int64(rate(done, took)))))
}

// plainLine is one copy's progress as a line of its own.
func (p *progressPrinter) plainLine(pr registry.Progress) string {
	total := pr.Total
	if !p.many && p.plan > total {
		total = p.plan
	}
	total = max(total, pr.Done)
	if pr.Final {
		return fmt.Sprintf("copied %s -> %s: %s of %s, %s/s, %s", pr.Source, pr.Target,
			infra.HumanBytes(pr.Done), infra.HumanBytes(total), infra.HumanBytes(int64(pr.Rate())), infra.HumanDuration(pr.Elapsed))
	}
	return fmt.Sprintf("copying %s -> %s: %s of %s, %s/s, %s, %s left", pr.Source, pr.Target,
		infra.HumanBytes(pr.Done), infra.HumanBytes(total), infra.HumanBytes(int64(pr.Rate())), infra.HumanDuration(pr.Elapsed), eta(pr.Done, total, pr.Rate()))
}

// bar is "[#####-----]  42% 12.0 MiB / 28.5 MiB  8.1 MiB/s  ETA 2s".
func bar(done, total int64, elapsed time.Duration, width int) string {
	frac := 0.0
	if total > 0 {
		frac = min(float64(done)/float64(total), 1)
	}
	n := int(frac * float64(width))
	r := rate(done, elapsed)
	return fmt.Sprintf("[%s%s] %3.0f%% %s / %s  %s/s  ETA %s", strings.Repeat("#", n), strings.Repeat("-", width-n),
		100*frac, infra.HumanBytes(done), infra.HumanBytes(total), infra.HumanBytes(int64(r)), eta(done, total, r))
}

func rate(done int64, elapsed time.Duration) float64 {
	if elapsed <= 0 {
		return 0
	}
	return float64(done) / elapsed.Seconds()
}

// eta is the time left at rate, in whole seconds ("--" before anything
// moved).
func eta(done, total int64, rate float64) string {
	if rate <= 0 {
		return "--"
	}
	left := time.Duration(float64(total-done) / rate * float64(time.Second))
	return max(left, 0).Round(time.Second).String()
}
