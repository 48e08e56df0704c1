package httpapi

import (
	"bytes"
	"encoding/json"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
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
		`{"source":1,"ſource":2}`:               "ſource",
		`{"\u017fource":1,"SOURCE":2}`:          "SOURCE",
		`{"key":1,"\u212aey":2}`:                "\u212aey",
		`{"Kind":1,"Kind":2}`:                   "Kind",
		`{"ı":1,"i":2}`:                         "",
		`{"ß":1,"ss":2}`:                        "",
	} {
		assert.Equal(t, want, duplicateKey([]byte(raw)), raw)
	}
}

// TestDuplicateKeyFoldsLikeEncodingJSON: two keys that encoding/json would
// decode into one field are one key here.
func TestDuplicateKeyFoldsLikeEncodingJSON(t *testing.T) {
	var v struct {
		Key    int `json:"key"`
		Source int `json:"source"`
	}
	require.NoError(t, json.Unmarshal([]byte(`{"\u212aey":1,"ſource":2}`), &v))
	assert.Equal(t, 1, v.Key, "encoding/json matches the Kelvin sign to k")
	assert.Equal(t, 2, v.Source, "and the long s to s")
}

// FuzzFoldKey: foldKey(a) == foldKey(b) exactly when bytes.EqualFold(a, b),
// the rule encoding/json matches field names by.
func FuzzFoldKey(f *testing.F) {
	for _, pair := range [][2]string{{"source", "ſource"}, {"key", "\u212aey"}, {"a", "A"}, {"ß", "ss"}, {"ı", "I"}, {"Σ", "ς"}} {
		f.Add(pair[0], pair[1])
	}
	f.Fuzz(func(t *testing.T, a, b string) {
		if !utf8.ValidString(a) || !utf8.ValidString(b) {
			return // keys reach duplicateKey decoded, as valid UTF-8
		}
		if (foldKey(a) == foldKey(b)) != bytes.EqualFold([]byte(a), []byte(b)) {
			t.Fatalf("foldKey disagrees with bytes.EqualFold on %q and %q", a, b)
		}
	})
}
