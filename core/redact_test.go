package core_test

import (
	"testing"

	"github.com/imagesync/imagesync/core"
	"github.com/stretchr/testify/assert"
)

func TestRedactURLs(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{`Put "http://r:5000/v2/app/blobs/uploads/5d3c?_state=eyJOYW1lIjoiYX&digest=sha256:ab": context canceled`,
			`Put "http://r:5000/v2/app/blobs/uploads/5d3c?_state=REDACTED&digest=REDACTED": context canceled`},
		{`GET https://s3.example/blob?X-Amz-Signature=abc&X-Amz-Credential=AK%2F1 failed`,
			`GET https://s3.example/blob?X-Amz-Signature=REDACTED&X-Amz-Credential=REDACTED failed`},
		{`Get "https://auth.docker.io/token?scope=repository%3Aapp%3Apull&service=registry.docker.io&account=me"`,
			`Get "https://auth.docker.io/token?scope=repository%3Aapp%3Apull&service=registry.docker.io&account=REDACTED"`},
		{`{"error":"Put \"http://r/v2/a/blobs/uploads/u?_state=s3cr3t\u0026digest=sha256:ab\": EOF"}`,
			`{"error":"Put \"http://r/v2/a/blobs/uploads/u?_state=REDACTED\u0026digest=sha256:ab\": EOF"}`},
		{`no URL here? none`, `no URL here? none`},
		{`http://r/v2/app/tags/list?n=100&last=v1`, `http://r/v2/app/tags/list?n=100&last=v1`},
		{`http://r/v2/app/blobs/uploads/u?_state=x#frag`, `http://r/v2/app/blobs/uploads/u?_state=REDACTED#frag`},
	} {
		assert.Equal(t, tc.want, core.RedactURLs(tc.in))
	}
}

func FuzzRedactURLs(f *testing.F) {
	f.Add(`Put "http://r/v2/a/blobs/uploads/u?_state=s&digest=d": x`)
	f.Add(`http://a?b`)
	f.Fuzz(func(t *testing.T, s string) {
		out := core.RedactURLs(s)
		assert.Equal(t, out, core.RedactURLs(out), "redacting twice changes nothing more")
	})
}
