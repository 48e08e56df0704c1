package compat

import "strconv"

// regsyncLimits reads a creds entry's reqPerSec and reqConcurrent into h's
// requestsPerSecond and maxConcurrent. 0 is regsync's "no limit", and
// leaves the key out.
func (p *parser) regsyncLimits(m *mapping, h *Host) {
	if v, ok := m.str("reqPerSec"); ok {
		f, err := strconv.ParseFloat(v, 64)
		if err != nil || !(f >= 0 && f <= 10000) {
			p.refuse(m.at("reqPerSec"), "must be a number of requests a second from 0 (no limit) to 10000")
		} else {
			h.RequestsPerSecond = f
		}
	}
	if v, ok := m.str("reqConcurrent"); ok {
		n, err := strconv.Atoi(v)
		if err != nil || n < 0 || n > 1024 {
			p.refuse(m.at("reqConcurrent"), "must be a whole number from 0 (no limit) to 1024")
		} else {
			h.MaxConcurrent = n
		}
	}
}
