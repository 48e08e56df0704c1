package core

import (
	"context"
	"fmt"
)

// Clouds whose function platforms hand credentials with each invocation.
const (
	CloudAlibaba = "alibaba" // Function Compute: STS credentials in the invocation context
	CloudHuawei  = "huawei"  // FunctionGraph: the agency's X-CFF-Access-Key/-Secret-Key/-Security-Token
)

// InvocationCredentials are the temporary keys a function platform hands
// with one invocation: the function's role (FC) or agency (FunctionGraph).
// They print redacted with every fmt verb.
type InvocationCredentials struct {
	Cloud           string // CloudAlibaba or CloudHuawei
	AccessKeyID     string
	AccessKeySecret string
	SecurityToken   string
}

// String names the cloud and the masked access key id only.
func (c InvocationCredentials) String() string {
	id := c.AccessKeyID
	if len(id) > 4 {
		id = id[:4]
	}
	return "InvocationCredentials{" + c.Cloud + " " + id + "****}"
}

// Format keeps %v, %+v, %#v and %s redacted.
func (c InvocationCredentials) Format(f fmt.State, _ rune) { _, _ = f.Write([]byte(c.String())) }

type invocationKey struct{ cloud string }

// WithInvocationCredentials returns ctx carrying c for this invocation only:
// the entrypoint sets them, the adapters that log into c.Cloud's services
// prefer them to any other source. A c without both keys is ignored.
func WithInvocationCredentials(ctx context.Context, c InvocationCredentials) context.Context {
	if c.AccessKeyID == "" || c.AccessKeySecret == "" {
		return ctx
	}
	return context.WithValue(ctx, invocationKey{c.Cloud}, c)
}

// InvocationCredentialsFrom returns cloud's credentials that ctx carries.
func InvocationCredentialsFrom(ctx context.Context, cloud string) (InvocationCredentials, bool) {
	c, ok := ctx.Value(invocationKey{cloud}).(InvocationCredentials)
	return c, ok
}
