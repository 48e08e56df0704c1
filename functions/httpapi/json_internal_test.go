package httpapi

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestDuplicateKey(t *testing.T) {
	for raw, want := range map[string]string{
		`{"a":1,"b":2}`:                         "",
		`{"a":1,"a":2}`:                         "a",
		`{"a":1,"A":2}`:                         "A",
		`{"a":{"x":1},"b":{"x":1}}`:             "",
		`{"a":{"x":1,"x":2}}`:                   "x",
		`{"a":[{"x":1},{"x":2}],"b":[1,[2,3]]}`: "",
		`{"a":[{"x":1,"x":2}]}`:                 "x",
		`{"a":[],"b":{},"c":[[]],"a":1}`:        "a",
		`[{"k":1},{"k":1,"k":2}]`:               "k",
		`{"after":["hss","hss"]}`:               "",
		`{"a":"b","b":"a"}`:                     "",
	} {
		assert.Equal(t, want, duplicateKey([]byte(raw)), raw)
	}
}
