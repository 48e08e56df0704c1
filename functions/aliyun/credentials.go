package main

import (
	"context"
	"fmt"
	"os"

	"github.com/aliyun/fc-runtime-go-sdk/fccontext"
	"github.com/imagesync/imagesync/adapters/acr"
	"github.com/imagesync/imagesync/infra"
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

// acrEngine builds the ACR EE engine with the invocation's credentials. Its
// region defaults to the function's (FC_REGION); IMAGESYNC_ACR_REGION,
// IMAGESYNC_ACR_INSTANCE and IMAGESYNC_ACR_ENDPOINT override. It makes no
// request.
//
// Hook: once infra wires the ACR engine from the configuration file, this
// function should hand infra acr.WithCredentials(invocationCredentials(...))
// instead of building an engine of its own (which replaces infra's).
func acrEngine(getenv func(string) string) (*acr.Engine, error) {
	region := getenv("IMAGESYNC_ACR_REGION")
	if region == "" {
		region = getenv("FC_REGION")
	}
	cfg := acr.Config{Region: region, Instance: getenv("IMAGESYNC_ACR_INSTANCE"), Endpoint: getenv(acr.EndpointEnv)}
	log := infra.NewLogger(os.Stderr, infra.LogConfig{Level: getenv("IMAGESYNC_LOG_LEVEL"), Format: getenv("IMAGESYNC_LOG_FORMAT")})
	e, err := acr.New(cfg, acr.WithCredentials(invocationCredentials(acr.DefaultCredentials())), acr.WithLogger(log))
	if err != nil {
		return nil, fmt.Errorf("acr engine: %w", err)
	}
	return e, nil
}
