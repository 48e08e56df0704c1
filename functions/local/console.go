package main

import (
	"io"
	"os"
	"sync"
)

// console is stderr as log lines and the progress bar share it. On a
// terminal the bar is the last line, redrawn in place; every other line
// (a log record, a copy that ended) first clears the bar, is written whole
// on its own line, and the bar is drawn again below it: the two never share
// a line. Off a terminal no bar is drawn and lines pass through.
type console struct {
	mu  sync.Mutex
	w   io.Writer
	tty bool
	bar string // the bar as last drawn; "" when none is shown
}

func newConsole(w io.Writer) *console { return &console{w: w, tty: isTerminal(w)} }

// isTerminal reports whether w is a character device (a terminal).
func isTerminal(w any) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}

const clearLine = "\r\033[K"

// Write writes p (whole lines: the logger writes one record per call)
// above the bar.
func (c *console) Write(p []byte) (int, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.bar == "" {
		return c.w.Write(p)
	}
	buf := make([]byte, 0, len(clearLine)+len(p)+1+len(clearLine)+len(c.bar))
	buf = append(append(buf, clearLine...), p...)
	if len(p) > 0 && p[len(p)-1] != '\n' {
		buf = append(buf, '\n')
	}
	buf = append(buf, c.bar...)
	if _, err := c.w.Write(buf); err != nil {
		return 0, err
	}
	return len(p), nil
}

// line writes one line above the bar.
func (c *console) line(s string) { _, _ = c.Write([]byte(s + "\n")) }

// draw shows bar as the last line, in place of the one drawn before,
// after the lines above (if any); off a terminal it does nothing.
func (c *console) draw(bar string, above ...string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if !c.tty {
		return
	}
	c.bar = bar
	out := clearLine
	for _, l := range above {
		out += l + "\n"
	}
	_, _ = io.WriteString(c.w, out+bar)
}

// finish leaves last as a line of its own where the bar was, and draws no
// bar until the next draw.
func (c *console) finish(last string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	shown := c.bar != ""
	c.bar = ""
	switch {
	case last != "" && !c.tty:
		_, _ = io.WriteString(c.w, last+"\n")
	case last != "":
		_, _ = io.WriteString(c.w, clearLine+last+"\n")
	case shown:
		_, _ = io.WriteString(c.w, clearLine)
	}
}
