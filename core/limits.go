package core

import "strconv"

// Limits bound what one trigger run may do. Zero fields are unlimited.
type Limits struct {
	// TagsPerJob caps the copies one job makes per tick (syncs that find
	// the target in place do not count); the rest are reported as
	// remaining and left for the next tick, which skips what is done.
	TagsPerJob int `json:"tagsPerJob,omitempty"`
	// BytesPerRun stops starting syncs of one trigger run once the syncs
	// done so far copied this many bytes through this process; the rest
	// are left (a job reports them as remaining, a push is redelivered).
	BytesPerRun int64 `json:"bytesPerRun,omitempty"`
}

// WithLimits sets the limits of trigger runs (default: none).
func WithLimits(l Limits) Option { return func(s *Service) { s.sec.limits = l } }

// reached names the limit that stops a run that has made copies copies
// (skips do not count) of bytes bytes so far from starting more syncs, or
// returns ""; maxCopies is the run's own cap (0: none).
func (l Limits) reached(copies int, bytes int64, maxCopies int) string {
	switch {
	case maxCopies > 0 && copies >= maxCopies:
		return "limits.tagsPerJob (" + strconv.Itoa(maxCopies) + " copies per job and tick)"
	case l.BytesPerRun > 0 && bytes >= l.BytesPerRun:
		return "limits.bytesPerRun (" + strconv.FormatInt(l.BytesPerRun, 10) + " bytes per run)"
	}
	return ""
}
