package main

import (
	"flag"
	"fmt"

	"github.com/imagesync/imagesync/infra"
)

// exposedWithoutAuth says why serve must not start on addr, or "": a
// server that listens beyond loopback with no auth section would answer
// every /v1 call 401 (SECURITY.md), which looks like a broken server;
// turning authentication off there must be said explicitly. (A loopback
// address was handled by Config.LoopbackDefault before.)
func exposedWithoutAuth(cfg infra.Config, addr string) string {
	if cfg.AuthConfigured() {
		return ""
	}
	msg := fmt.Sprintf("refusing to listen on %s with no auth section: every /v1 call would be refused (401). "+
		"Say who may call, with auth.tokens (bearer tokens) or auth.signing (HMAC-signed requests, see SECURITY.md); "+
		"or accept unauthenticated calls with `auth: {mode: none}` (or IMAGESYNC_AUTH_MODE=none) where the network in front authenticates them; "+
		"or listen on a loopback address (--addr 127.0.0.1:8080)", addr)
	if len(cfg.Webhooks) > 0 {
		msg += ". Webhooks carry their own secrets: to accept only them, say `auth: {mode: required}`"
	}
	return msg
}

func flagSet(fs *flag.FlagSet, name string) bool {
	set := false
	fs.Visit(func(f *flag.Flag) { set = set || f.Name == name })
	return set
}
