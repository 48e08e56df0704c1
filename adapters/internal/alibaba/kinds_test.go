package alibaba_test

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/imagesync/imagesync/adapters/internal/alibaba"
	"github.com/imagesync/imagesync/core"
)

func TestKinds(t *testing.T) {
	tests := []struct {
		code   string
		status int
		want   error
	}{
		{"NoPrivilege", 403, core.ErrForbidden},
		{"Forbidden.RAM", 403, core.ErrForbidden},
		{"", 403, core.ErrForbidden},
		{"InvalidAccessKeyId.NotFound", 404, core.ErrUnauthorized},
		{"SignatureDoesNotMatch", 400, core.ErrUnauthorized},
		{"InvalidSecurityToken.Expired", 400, core.ErrUnauthorized},
		{"", 401, core.ErrUnauthorized},
		{"Throttling", 400, core.ErrThrottled},
		{"Throttling.User", 400, core.ErrThrottled},
		{"Throttling.Api", 503, core.ErrThrottled},
		{"", 429, core.ErrThrottled},
		{"REPO_NOT_EXIST", 200, core.ErrNotFound},
		{"NAMESPACE_NOT_EXIST", 200, core.ErrNotFound},
		{"InvalidInstance.NotFound", 404, core.ErrNotFound},
		{"", 404, core.ErrNotFound},
		{"SYNC_RULE_ALREADY_EXIST", 200, core.ErrConflict},
		{"SystemError", 500, core.ErrUnavailable},
		{"ServiceUnavailable", 503, core.ErrUnavailable},
		{"", 502, core.ErrUnavailable},
		{"InvalidParameter", 400, core.ErrInvalid},
		{"MissingParameter", 400, core.ErrInvalid},
		{"PARAM_INVALID", 200, core.ErrInvalid},
		{"SOMETHING_NEW", 200, core.ErrInvalid},
	}
	for _, tt := range tests {
		t.Run(tt.code, func(t *testing.T) {
			assert.Equal(t, tt.want, alibaba.Kinds.Kind(tt.code, tt.status))
		})
	}
}

func TestRedact(t *testing.T) {
	k := alibaba.Keys{AccessKeyID: "id", AccessKeySecret: "se/cr+et", SecurityToken: "to ken*~"}
	tests := []struct{ in, want string }{
		{"secret se/cr+et here", "secret [redacted] here"},
		{"token to%20ken%2A~ once encoded", "token [redacted] once encoded"},
		{"token to%2520ken%252A~ twice encoded", "token [redacted] twice encoded"},
		{"query to+ken%2A~", "query [redacted]"},
		{"mismatch. server string to sign is:POST&%2F&Sec...", "mismatch. server string to sign withheld"},
		{"short secrets are not searched for", "short secrets are not searched for"},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, k.Redact(tt.in))
	}
}
