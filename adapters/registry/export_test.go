package registry

// SharedWrites is how many blob or manifest writes under way have more
// than one sync waiting for them: tests wait for it instead of sleeping.
func SharedWrites(e *Engine) int {
	n := 0
	for _, waiting := range e.flights.f.Waiting() {
		if waiting > 1 {
			n++
		}
	}
	return n
}
