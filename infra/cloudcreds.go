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
// ListReposDetails). Each cloud's chain is built or asked only when one
// of its hosts is named:
//   - SWR: the invocation's FunctionGraph agency keys, else Huawei AK/SK
//     from the environment, else huaweicloud-sdk-go-v3's chain (profile
//     file, ECS agency, CCE pod identity, federated identity);
//   - ACR EE: the invocation's Function Compute STS credentials, else
//     Alibaba keys from the environment, else Alibaba's SDK chain;
//   - ECR: the AWS SDK's default chain (creds.AWS);
//   - Artifact Registry and GCR: Google's Application Default Credentials.
//
// hosts gains the ACR EE resolver when Alibaba keys are present and
// acrHosts is empty. A host that docker's config.json covers (an entry,
// or a helper such as docker-credential-ecr-login or gcloud's) is logged
// in that way first, before a chain (not before keys in the environment,
// which say which identity to use); a chain that finds no credentials
// declines SWR, ACR EE and Google hosts (anonymous: public images still
// pull) and names an ECR host in its error.
func cloudLogins(c RegistryConfig, hosts registry.Hosts) ([]authn.Keychain, []registry.Option, error) {
	var chains []authn.Keychain
	var opts []registry.Option
	docker := c.dockerKeychain()
	src := creds.HuaweiChain(nil)
	if keys, ok := creds.HuaweiKeysFromEnv(os.Getenv); ok {
		src = keys.Source()
	} else {
		chains = append(chains, onlyFor(isSWR, docker))
	}
	chains = append(chains, creds.SWR(src, swrAPI, nil))
	tt, err := creds.NewSWRTagTimes(src, swrAPI, nil)
	if err != nil {
		return nil, nil, err
	}
	opts = append(opts, registry.WithTagTimes(tt), registry.WithRepositorySources(tt))
	if keys, ok := creds.AlibabaKeysFromEnv(os.Getenv); ok {
		acr := &creds.ACR{Keys: keys, Endpoint: acrAPI}
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
		acr := &creds.ACR{Creds: creds.AlibabaChain(), Endpoint: acrAPI}
		opts = append(opts, registry.WithTagTimes(acr), registry.WithRepositorySources(acr))
		chains = append(chains, onlyFor(acr.Serves, docker), acr.Keychain())
	}
	aws := creds.NewAWS()
	ecr := creds.NewECRTagTimes(aws, os.Getenv, nil, nil)
	chains = append(chains, onlyFor(isECR, docker), creds.ECR(aws, os.Getenv, nil, nil))
	opts = append(opts, registry.WithTagTimes(ecr), registry.WithRepositorySources(ecr))
	chains = append(chains, onlyFor(registry.GoogleHost, docker), creds.Google(nil))
	return chains, opts, nil
}

// swrAPI and acrAPI give the cloud APIs of a region (nil: the clouds'
// own); tests point them at the emulators.
var (
	swrAPI func(region string) string
	acrAPI func(region string) (scheme, host string)
)

func isSWR(host string) bool { _, ok := creds.SWRHost(host); return ok }

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

// dockerKeychain is docker's config.json and its credential helpers, or,
// with dockerConfig: false, a keychain that knows no host.
func (c RegistryConfig) dockerKeychain() authn.Keychain {
	if c.DockerConfig != nil && !*c.DockerConfig {
		return authn.NewMultiKeychain()
	}
	return authn.DefaultKeychain
}
