package huaweicloud

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestParseErrorBody(t *testing.T) {
	tests := []struct{ body, code, msg string }{
		{`{"error_code":"SWR.1","error_msg":"bad"}`, "SWR.1", "bad"},
		{`{"code":"C","message":"m"}`, "C", "m"},
		{`{"error":{"code":"APIGW.0301","message":"auth"}}`, "APIGW.0301", "auth"},
		{`[{"error_code":"A","error_msg":"x"},{"error_code":"B","error_msg":"y"}]`, "A,B", "x; y"},
		{`[]`, "", "[]"},
		{`plain text`, "", "plain text"},
		{``, "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.body, func(t *testing.T) {
			code, msg := ParseErrorBody([]byte(tt.body))
			assert.Equal(t, tt.code, code)
			assert.Equal(t, tt.msg, msg)
		})
	}
}

func FuzzParseErrorBody(f *testing.F) {
	for _, s := range []string{`{"error_code":"A","error_msg":"b"}`, `[{"code":"x"}]`, `[1,2]`, `{"a":{"b":{}}}`, "\xff"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		_, msg := ParseErrorBody(b)
		if len(msg) > 64<<10+3 {
			t.Fatalf("message too long: %d", len(msg))
		}
	})
}
