package core

import "context"

// Principal is who asked for a sync: an API key, a signing key, a webhook
// source, or the configured triggers. Its Policy (nil: unrestricted)
// bounds the sources and targets it may name.
type Principal struct {
	Name   string  `json:"name"`
	Policy *Policy `json:"-"`
}

type principalKey struct{}

// WithPrincipal returns ctx carrying p: Service.Sync checks p's policy
// before any engine is called.
func WithPrincipal(ctx context.Context, p Principal) context.Context {
	return context.WithValue(ctx, principalKey{}, p)
}

// PrincipalFrom returns the principal ctx carries, if any.
func PrincipalFrom(ctx context.Context) (Principal, bool) {
	p, ok := ctx.Value(principalKey{}).(Principal)
	return p, ok
}

// triggerKey marks a context whose syncs were started by a push rule or a
// job; they are bounded by the trigger policy (WithTriggerPolicy).
type triggerKey struct{}

// asTriggers marks ctx as running syncs on behalf of the configured
// triggers.
func (s *Service) asTriggers(ctx context.Context) context.Context {
	return context.WithValue(ctx, triggerKey{}, true)
}

func fromTriggers(ctx context.Context) bool {
	v, _ := ctx.Value(triggerKey{}).(bool)
	return v
}
