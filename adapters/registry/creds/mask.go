package creds

// mask keeps the first 4 characters of an id.
func mask(s string) string {
	if len(s) <= 4 {
		return "****"
	}
	return s[:4] + "****"
}
