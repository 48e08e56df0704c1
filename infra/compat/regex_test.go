package compat

import (
	"regexp"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var sampleTags = []string{"latest", "3", "13", "3.19", "3x19", "3.19.1", "latest-rc", "v1.2", "a", "banana", "x", "edge", ""}

// imagesyncMatch is how core matches an include pattern.
func imagesyncMatch(t *testing.T, q, tag string) bool {
	return regexp.MustCompile(`^(?:` + q + `)$`).MatchString(tag)
}

func TestFromRegsyncSelectsTheSameTags(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"latest", "latest"}, {`3.\d+`, `3.\d+`}, {`\d+`, `\d+`},
		{"latest|3", ".*(?:^latest|3$).*"}, {"v1.*", "v1.*"}, {"(a|b)", "(a|b)"},
	} {
		t.Run(c.in, func(t *testing.T) {
			got, err := fromRegsync(c.in)
			require.NoError(t, err)
			assert.Equal(t, c.want, got)
			regsync := regexp.MustCompile("^" + c.in + "$") // regsync's filterRegexAllow
			for _, tag := range sampleTags {
				assert.Equal(t, regsync.MatchString(tag), imagesyncMatch(t, got, tag), "tag %q", tag)
			}
		})
	}
	_, err := fromRegsync("(")
	assert.Error(t, err)
}

func TestFromSearchSelectsTheSameTags(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"a+", ".*(?:a+).*"}, {`^v1\..*$`, `v1\..*`}, {"^3$|edge", ".*(?:^3$|edge).*"}, {"^a", ".*(?:^a).*"},
	} {
		t.Run(c.in, func(t *testing.T) {
			got, err := fromSearch(c.in)
			require.NoError(t, err)
			assert.Equal(t, c.want, got)
			search := regexp.MustCompile(c.in) // image-syncer's regex.MatchString
			for _, tag := range sampleTags {
				assert.Equal(t, search.MatchString(tag), imagesyncMatch(t, got, tag), "tag %q", tag)
			}
		})
	}
}
