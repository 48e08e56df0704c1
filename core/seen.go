package core

import "sync"

// seenSet remembers the last n event keys, so that a redelivered event is
// not acted on twice within one process.
type seenSet struct {
	mu    sync.Mutex
	limit int
	order []string
	keys  map[string]struct{}
}

func newSeenSet(limit int) *seenSet { return &seenSet{limit: limit, keys: map[string]struct{}{}} }

func (s *seenSet) has(k string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	_, ok := s.keys[k]
	return ok
}

func (s *seenSet) add(k string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, ok := s.keys[k]; ok {
		return
	}
	s.keys[k] = struct{}{}
	s.order = append(s.order, k)
	if len(s.order) > s.limit {
		delete(s.keys, s.order[0])
		s.order = s.order[1:]
	}
}
