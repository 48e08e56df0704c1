package main

import (
	"context"
	"fmt"
	"log/slog"

	"github.com/aliyun/fc-runtime-go-sdk/fccontext"
	"github.com/imagesync/imagesync/adapters/acr"
)

// invocationCredentials returns the STS credentials FC passed with the
// invocation whose context ctx is, else those of fallback.
func invocationCredentials(fallback acr.CredentialsProvider) acr.CredentialsProvider {
	return func(ctx context.Context) (acr.Credentials, error) {
		if fctx, ok := fccontext.FromContext(ctx); ok && fctx.Credentials.AccessKeyId != "" {
			c := fctx.Credentials
			return acr.Credentials{AccessKeyID: c.AccessKeyId, AccessKeySecret: c.AccessKeySecret, SecurityToken: c.SecurityToken}, nil
		}
		return fallback(ctx)
	}
}

// acrEngine builds the ACR EE engine from the configuration's acr section
// (nil: all defaults), signing with the invocation's credentials. The
// region defaults to the function's (FC_REGION), the instance to
// IMAGESYNC_ACR_INSTANCE; the endpoint to IMAGESYNC_ACR_ENDPOINT (read by
// the engine). It makes no request. It replaces the engine infra would
// build from the same section, which has only the default credential chain.
func acrEngine(c *acr.Config, getenv func(string) string, log *slog.Logger) (*acr.Engine, error) {
	var cfg acr.Config
	if c != nil {
		cfg = *c
	}
	if cfg.Region == "" {
		cfg.Region = getenv("FC_REGION")
	}
	if cfg.Instance == "" {
		cfg.Instance = getenv("IMAGESYNC_ACR_INSTANCE")
	}
	e, err := acr.New(cfg, acr.WithCredentials(invocationCredentials(acr.DefaultCredentials())), acr.WithLogger(log))
	if err != nil {
		return nil, fmt.Errorf("acr engine: %w", err)
	}
	return e, nil
}
