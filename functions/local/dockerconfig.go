package main

import (
	"fmt"

	"github.com/docker/cli/cli/config"
	"github.com/docker/cli/cli/config/configfile"
	"github.com/docker/cli/cli/config/credentials"
	"github.com/google/go-containerregistry/pkg/authn"
	"github.com/google/go-containerregistry/pkg/name"
)

// dockerConfig loads docker's config.json as docker and crane do: from
// $DOCKER_CONFIG, else ~/.docker. A file that exists but does not parse is
// an error, never overwritten.
func (c *cli) dockerConfig() (*configfile.ConfigFile, error) {
	cf, err := config.Load(c.getenv(config.EnvOverrideConfigDir))
	if err != nil {
		return nil, fmt.Errorf("docker config: %w", err)
	}
	return cf, nil
}

// registryKey is the name docker's config.json keeps a registry's login
// under: host[:port], and Docker Hub's historical URL for Docker Hub.
func registryKey(host string) (string, error) {
	reg, err := name.NewRegistry(credentials.ConvertToHostname(host))
	if err != nil {
		return "", fmt.Errorf("registry %q: %w", host, err)
	}
	if reg.Name() == name.DefaultRegistry {
		return authn.DefaultAuthKey, nil
	}
	return reg.Name(), nil
}

// storeName says where cf keeps key's login: a credential helper (a
// credHelpers entry, else credsStore) or the file itself.
func storeName(cf *configfile.ConfigFile, key string) string {
	if h, ok := cf.CredentialHelpers[key]; ok && h != "" {
		return "docker-credential-" + h
	}
	if cf.CredentialsStore != "" {
		return "docker-credential-" + cf.CredentialsStore
	}
	return cf.Filename
}
