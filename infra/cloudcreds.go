package infra

import (
	"context"
	"os"

	"github.com/google/go-containerregistry/pkg/authn"
	"github.com/imagesync/imagesync/adapters/registry"
	"github.com/imagesync/imagesync/adapters/registry/creds"
)

// cloudLogins are the registry engine's logins with the platform's own
// identity, and the cloud APIs it asks for push times and repository
// lists (ECR DescribeRepositories, ACR EE ListRepository, SWR
// ListReposDetails): SWR with Huawei AK/SK, ACR EE with Alibaba keys from
// the environment, else Alibaba's SDK chain, ECR with the AWS SDK's
// default chain, Google metadata tokens on GCF. hosts gains the ACR
// EE resolver when Alibaba keys are present and acrHosts is empty.
//
// ECR is always there: its chain is loaded only when an ECR host is named
// (creds.AWS), and an ECR host that docker's config.json covers (an entry,
// or a helper such as docker-credential-ecr-login) is logged in that way
// first, so the chain answers only for hosts docker's config does not.
func cloudLogins(c RegistryConfig, hosts registry.Hosts) ([]authn.Keychain, []registry.Option, error) {
	var chains []authn.Keychain
	var opts []registry.Option
	if keys, ok := creds.HuaweiKeysFromEnv(os.Getenv); ok {
		chains = append(chains, creds.SWR(keys, nil, nil))
		tt, err := creds.NewSWRTagTimes(keys, nil, nil)
		if err != nil {
			return nil, nil, err
		}
		opts = append(opts, registry.WithTagTimes(tt), registry.WithRepositorySources(tt))
	}
	if keys, ok := creds.AlibabaKeysFromEnv(os.Getenv); ok {
		acr := &creds.ACR{Keys: keys}
		opts = append(opts, registry.WithTagTimes(acr), registry.WithRepositorySources(acr))
		if len(c.ACRHosts) == 0 {
			hosts["acr"] = acr.Host
			chains = append(chains, acr.Keychain())
		}
	} else {
		// No keys in the environment: Alibaba's SDK chain (profile files,
		// OIDC, the ECS RAM role, ...), tried only for ACR EE domains that
		// docker's config does not cover, and declining those it cannot log
		// into.
		acr := &creds.ACR{Creds: creds.AlibabaChain()}
		opts = append(opts, registry.WithTagTimes(acr), registry.WithRepositorySources(acr))
		chains = append(chains, onlyFor(acr.Serves, authn.DefaultKeychain), acr.Keychain())
	}
	aws := creds.NewAWS()
	ecr := creds.NewECRTagTimes(aws, os.Getenv, nil, nil)
	chains = append(chains, onlyFor(isECR, authn.DefaultKeychain), creds.ECR(aws, os.Getenv, nil, nil))
	opts = append(opts, registry.WithTagTimes(ecr), registry.WithRepositorySources(ecr))
	if os.Getenv("K_SERVICE") != "" || os.Getenv("GCE_METADATA_HOST") != "" {
		chains = append(chains, creds.Google(os.Getenv, nil))
	}
	return chains, opts, nil
}

func isECR(host string) bool { _, ok := creds.ECRHost(host); return ok }

// onlyFor asks kc for the hosts match accepts; others are anonymous, so
// that a multi-keychain asks the next keychain.
func onlyFor(match func(host string) bool, kc authn.Keychain) authn.Keychain {
	return hostKeychain{match: match, kc: kc}
}

type hostKeychain struct {
	match func(string) bool
	kc    authn.Keychain
}

func (h hostKeychain) Resolve(r authn.Resource) (authn.Authenticator, error) {
	return h.ResolveContext(context.Background(), r)
}

func (h hostKeychain) ResolveContext(ctx context.Context, r authn.Resource) (authn.Authenticator, error) {
	if !h.match(r.RegistryStr()) {
		return authn.Anonymous, nil
	}
	return authn.Resolve(ctx, h.kc, r)
}
