package core_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/imagesync/imagesync/core"
	"github.com/stretchr/testify/assert"
)

func TestInvocationCredentials(t *testing.T) {
	c := core.InvocationCredentials{Cloud: core.CloudHuawei, AccessKeyID: "AKAGENCY", AccessKeySecret: "sk-secret", SecurityToken: "sts-token"}
	for _, verb := range []string{"%v", "%+v", "%#v", "%s"} {
		out := fmt.Sprintf(verb, c)
		assert.NotContains(t, out, "sk-secret", verb)
		assert.NotContains(t, out, "sts-token", verb)
		assert.NotContains(t, out, "AKAGENCY", verb)
	}
	ctx := core.WithInvocationCredentials(context.Background(), c)
	got, ok := core.InvocationCredentialsFrom(ctx, core.CloudHuawei)
	assert.True(t, ok)
	assert.Equal(t, c, got)
	_, ok = core.InvocationCredentialsFrom(ctx, core.CloudAlibaba)
	assert.False(t, ok, "one cloud's keys are not another's")
	_, ok = core.InvocationCredentialsFrom(core.WithInvocationCredentials(context.Background(),
		core.InvocationCredentials{Cloud: core.CloudAlibaba, AccessKeyID: "id"}), core.CloudAlibaba)
	assert.False(t, ok, "without a secret, none")
}
