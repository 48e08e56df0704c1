package core

// Hand-written scanners for the reference grammar: the hot path of every
// request, several times faster than the equivalent regular expressions.

func isLowerAlnum(c byte) bool { return c >= 'a' && c <= 'z' || c >= '0' && c <= '9' }

func isAlnum(c byte) bool { return isLowerAlnum(c) || c >= 'A' && c <= 'Z' }

// isPathComponent: [a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*
func isPathComponent(s string) bool {
	if s == "" || !isLowerAlnum(s[0]) || !isLowerAlnum(s[len(s)-1]) {
		return false
	}
	for i := 1; i < len(s); i++ {
		c := s[i]
		if isLowerAlnum(c) {
			continue
		}
		switch c {
		case '.':
			if !isLowerAlnum(s[i+1]) {
				return false
			}
		case '_':
			if s[i+1] == '_' {
				i++
			}
			if !isLowerAlnum(s[i+1]) {
				return false
			}
		case '-':
			for s[i+1] == '-' {
				i++
			}
			if !isLowerAlnum(s[i+1]) {
				return false
			}
		default:
			return false
		}
	}
	return true
}

// isHostComponent: [a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9]
func isHostComponent(s string) bool {
	if s == "" || !isAlnum(s[0]) || !isAlnum(s[len(s)-1]) {
		return false
	}
	for i := 1; i < len(s)-1; i++ {
		if !isAlnum(s[i]) && s[i] != '-' {
			return false
		}
	}
	return true
}

// isTag: [A-Za-z0-9_][A-Za-z0-9._-]{0,127}
func isTag(s string) bool {
	if s == "" || len(s) > 128 || !(isAlnum(s[0]) || s[0] == '_') {
		return false
	}
	for i := 1; i < len(s); i++ {
		if c := s[i]; !isAlnum(c) && c != '.' && c != '_' && c != '-' {
			return false
		}
	}
	return true
}

// isDigest: sha256:<64 lowercase hex> | sha512:<128 lowercase hex>
func isDigest(s string) bool {
	var hex string
	switch {
	case len(s) == 7+64 && s[:7] == "sha256:":
		hex = s[7:]
	case len(s) == 7+128 && s[:7] == "sha512:":
		hex = s[7:]
	default:
		return false
	}
	for i := 0; i < len(hex); i++ {
		if c := hex[i]; !(c >= '0' && c <= '9' || c >= 'a' && c <= 'f') {
			return false
		}
	}
	return true
}

// isPort: [0-9]{1,5}
func isPort(s string) bool {
	if s == "" || len(s) > 5 {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// isIPv6Host: \[[a-fA-F0-9:.%]+\]
func isIPv6Host(s string) bool {
	if len(s) < 3 || s[0] != '[' || s[len(s)-1] != ']' {
		return false
	}
	for i := 1; i < len(s)-1; i++ {
		c := s[i]
		if !(c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F' || c == ':' || c == '.' || c == '%') {
			return false
		}
	}
	return true
}
