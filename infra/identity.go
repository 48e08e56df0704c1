package infra

import (
	"context"
	"log/slog"

	"github.com/imagesync/imagesync/adapters/acr"
	"github.com/imagesync/imagesync/adapters/huawei"
	"github.com/imagesync/imagesync/adapters/registry/creds"
	"github.com/imagesync/imagesync/core"
)

// The native engines (and registry.prepareTargets, which runs through
// them) sign every call as the registry engine's logins do, the same way
// on every platform: with the keys the platform hands with the invocation
// (core.InvocationCredentials in the call's context: Function Compute's
// STS keys of the function's role, FunctionGraph's agency keys), else the
// cloud's own chain (the environment's keys first). A Huawei engine so
// turns on with no keys in the environment, as on FunctionGraph with an
// agency; a call that finds no keys at all is refused as unauthorized.

func acrOptions(log *slog.Logger) []acr.Option {
	chain := acr.DefaultCredentials()
	return []acr.Option{acr.WithLogger(log), acr.WithCredentials(func(ctx context.Context) (acr.Credentials, error) {
		if c, ok := core.InvocationCredentialsFrom(ctx, core.CloudAlibaba); ok {
			return acr.Credentials{AccessKeyID: c.AccessKeyID, AccessKeySecret: c.AccessKeySecret, SecurityToken: c.SecurityToken}, nil
		}
		return chain(ctx)
	})}
}

// huaweiKeys are the keys of one Huawei call: the invocation's, else the
// environment's, else huaweicloud-sdk-go-v3's chain (profile file, ECS
// agency, CCE pod identity), asked only when a call needs it.
func huaweiKeys(getenv func(string) string) func(context.Context) (huawei.Credentials, error) {
	env := huawei.CredentialsFromEnv(getenv)
	chain := creds.HuaweiChain(nil)
	return func(ctx context.Context) (huawei.Credentials, error) {
		if c, ok := core.InvocationCredentialsFrom(ctx, core.CloudHuawei); ok {
			return huawei.Credentials{AK: c.AccessKeyID, SK: c.AccessKeySecret, SecurityToken: c.SecurityToken}, nil
		}
		if env.Valid() {
			return env, nil
		}
		k, err := chain(ctx)
		if err != nil {
			return huawei.Credentials{}, err
		}
		return huawei.Credentials{AK: k.AK, SK: k.SK, SecurityToken: k.SecurityToken}, nil
	}
}

func swrOptions(log *slog.Logger, getenv func(string) string) []huawei.Option {
	return []huawei.Option{huawei.WithLogger(log), huawei.WithCredentialsProvider(huaweiKeys(getenv))}
}

func hssOptions(log *slog.Logger, getenv func(string) string) []huawei.Option {
	return swrOptions(log, getenv)
}
