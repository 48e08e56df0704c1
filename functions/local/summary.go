package main

import (
	"fmt"
	"github.com/imagesync/imagesync/infra"
	"io"
	"strings"

	"github.com/imagesync/imagesync/core"
)

// fail prints err as the command's one error line and maps it to the
// exit code: 2 for invalid input, 1 otherwise.
func (c *cli) fail(err error) int {
	if canceled(err) { // interrupted (interrupt.go)
		fmt.Fprintln(c.stderr, "imagesync: canceled:", cliWords(err.Error()))
		return exitInterrupted
	}
	fmt.Fprintln(c.stderr, "imagesync:", cliWords(err.Error()))
	if core.KindOf(err) == "invalid" {
		return exitUsage
	}
	return exitFailed
}

// apiWords are phrases of the engines' messages that name a request
// field, and what a command-line user types instead.
var apiWords = strings.NewReplacer(
	"set override to replace it", "pass --override to replace it",
)

// cliWords rewrites a message for the command line: flags named as flags.
func cliWords(msg string) string { return apiWords.Replace(msg) }

// report prints a job's outcome: JSON (then the summary on stderr) or
// the summary as text on stdout; failures and notes go to stderr, one line
// each. A failed tag fails the command (exit 1), after every other tag
// had its turn.
func (c *cli) report(o *outputValue, out core.JobOutcome, err error) int {
	if err != nil && core.KindOf(err) == "invalid" {
		return c.fail(err)
	}
	to := c.stdout
	if o.json(c.stdout) {
		writeJSON(c.stdout, out)
		to = c.stderr
	}
	if c.summarize(to, out) { // each failure has had its line; err is one of them
		return exitFailed
	}
	if err != nil {
		return c.fail(err)
	}
	return exitOK
}

// summarize writes a job's outcome: one line of counts to w, then each
// failure and note to stderr. It reports whether the job fell short: a
// tag failed or was left, or a source gave no tags.
func (c *cli) summarize(w io.Writer, out core.JobOutcome) bool {
	summary := fmt.Sprintf("%s: copied %d, skipped %d, failed %d", out.Name, out.Copied, out.Skipped, len(out.Failed))
	if n := len(out.Planned); n > 0 {
		var bytes int64
		for _, p := range out.Planned {
			bytes += p.Bytes
		}
		summary += fmt.Sprintf(", planned %d (up to %s)", n, infra.HumanBytes(bytes))
	}
	if len(out.Canceled) > 0 {
		summary += fmt.Sprintf(", canceled %d", len(out.Canceled))
	}
	if out.Remaining > 0 {
		summary += fmt.Sprintf(", left %d", out.Remaining)
	}
	if len(out.Pruned) > 0 || len(out.NotPruned) > 0 {
		summary += fmt.Sprintf(", pruned %d, kept %d", len(out.Pruned), len(out.NotPruned))
	}
	prefix := "imagesync: "
	if w == c.stdout {
		prefix = ""
	}
	fmt.Fprintln(w, prefix+summary)
	for _, f := range out.Failed {
		reason := cliWords(f.Reason)
		if !strings.Contains(reason, f.Source.String()) {
			reason = fmt.Sprintf("failed %s -> %s: %s", f.Source, f.Target, reason)
		}
		fmt.Fprintln(c.stderr, "imagesync:", reason)
	}
	for _, n := range out.Notes {
		fmt.Fprintf(c.stderr, "imagesync: %s: note: %s\n", out.Name, n)
	}
	for _, f := range out.Canceled {
		fmt.Fprintf(c.stderr, "imagesync: canceled %s -> %s\n", f.Source, f.Target)
	}
	return len(out.Failed) > 0 || len(out.Canceled) > 0 || out.Remaining > 0 || len(out.Unlisted) > 0
}
