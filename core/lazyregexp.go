package core

import (
	"regexp"
	"sync"
)

// lazyRegexp compiles pattern on first use. Bounded repetitions such as
// {0,62} compile into large programs: compiled at start-up, core's
// patterns cost every process (a CLI copy, a cold function) ~0.4 MB and a
// millisecond before main, used or not.
func lazyRegexp(pattern string) func() *regexp.Regexp {
	return sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(pattern) })
}
