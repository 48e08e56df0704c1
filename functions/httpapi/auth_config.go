package httpapi

import (
	"encoding/hex"

	"github.com/imagesync/imagesync/core"
	"github.com/imagesync/imagesync/infra"
)

// SecurityFrom builds the handler's Security from a loaded configuration:
// its auth, webhooks, policy rules and limits sections, with the defaults
// of infra (15 min request deadline, 32 calls in flight, 60 s window, 30 s
// body timeout).
func SecurityFrom(cfg infra.Config) Security {
	s := Security{Mode: cfg.Auth.Mode, Window: cfg.Auth.Window, Webhooks: map[string]Webhook{},
		Limits: Limits{RequestTimeout: cfg.Limits.RequestTimeout, Concurrent: cfg.Limits.ConcurrentSyncs}}
	if s.Window == 0 {
		s.Window = infra.DefaultSignatureWindow
	}
	if s.Limits.RequestTimeout == 0 {
		s.Limits.RequestTimeout = infra.DefaultRequestTimeout
	}
	if s.Limits.Concurrent == 0 {
		s.Limits.Concurrent = infra.DefaultConcurrentSyncs
	}
	s.Limits.BodyTimeout = cfg.Server.WithDefaults().BodyTimeout
	for _, k := range cfg.Auth.Signing {
		sg := Signer{Principal: core.Principal{Name: k.Name, Policy: cfg.PolicyNamed(k.Policy)}}
		for _, ref := range k.Secrets {
			sg.Secrets = append(sg.Secrets, ref.Value())
		}
		s.Signers = append(s.Signers, sg)
	}
	for _, t := range cfg.Auth.Tokens {
		tk := Token{Principal: core.Principal{Name: t.Name, Policy: cfg.PolicyNamed(t.Policy)}}
		_, _ = hex.Decode(tk.SHA256[:], []byte(t.SHA256)) // validated at load
		s.Tokens = append(s.Tokens, tk)
	}
	for format, w := range cfg.Webhooks {
		hook := Webhook{Header: w.Header}
		for _, ref := range w.Secrets {
			hook.Secrets = append(hook.Secrets, ref.Value())
		}
		s.Webhooks[format] = hook
	}
	return s
}
