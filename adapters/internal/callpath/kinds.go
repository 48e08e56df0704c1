package callpath

import (
	"strings"
	"time"

	"strconv"
)

// Rule maps a provider's failure onto a core kind: it matches when the
// error code, lower-cased, contains one of Codes, or when Status says so.
type Rule struct {
	Kind   error
	Codes  []string
	Status func(code string, status int) bool
}

// Table is one provider's mapping of failures onto core's kinds: the first
// rule that matches decides; Default when none does.
type Table struct {
	Rules   []Rule
	Default error
}

// Kind is the core kind of a failure with this code and HTTP status.
func (t Table) Kind(code string, status int) error {
	c := strings.ToLower(code)
	for _, r := range t.Rules {
		for _, s := range r.Codes {
			if strings.Contains(c, s) {
				return r.Kind
			}
		}
		if r.Status != nil && r.Status(code, status) {
			return r.Kind
		}
	}
	return t.Default
}

// Is returns a Status func matching one HTTP status.
func Is(want int) func(string, int) bool {
	return func(_ string, status int) bool { return status == want }
}

// RetryAfter reads a Retry-After given in seconds (0 when absent or not a
// positive number of seconds).
func RetryAfter(v string) time.Duration {
	if n, err := strconv.Atoi(strings.TrimSpace(v)); err == nil && n > 0 {
		return time.Duration(n) * time.Second
	}
	return 0
}
