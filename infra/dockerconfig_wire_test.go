package infra_test

import (
	"context"
	"encoding/base64"
	"os"
	"path/filepath"
	"testing"

	"github.com/imagesync/imagesync/adapters/registry/registrytest"
	"github.com/imagesync/imagesync/core"
	"github.com/imagesync/imagesync/infra"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// registry.dockerConfig, from a YAML file through Load and Build: docker's
// config.json holds the login of an htpasswd docker-registry; a copy into
// it works by default and, with dockerConfig: false, is refused as
// unauthorized (the login is not read).
func TestRegistryDockerConfigWired(t *testing.T) {
	src := registrytest.InMemory(t)
	want := registrytest.PushIndex(t, src+"/team/app:v1", 512, 1, 1)
	dst := registrytest.DistributionBasicAuth(t, "robot", "s3cret", "")
	dir := t.TempDir()
	t.Setenv("DOCKER_CONFIG", dir)
	auth := base64.StdEncoding.EncodeToString([]byte("robot:s3cret"))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "config.json"),
		[]byte(`{"auths":{"`+dst+`":{"auth":"`+auth+`"}}}`), 0o600))
	in := core.SyncRequest{Source: core.Endpoint{Image: src + "/team/app:v1"}, Target: core.Endpoint{Image: dst + "/mirror/app:v1"}}

	_, err := build(t, "registry: {attempts: 1, dockerConfig: false}\n").Sync(context.Background(), in)
	require.ErrorIs(t, err, core.ErrUnauthorized)

	task, err := build(t, "registry: {attempts: 1}\n").Sync(context.Background(), in)
	require.NoError(t, err)
	assert.Equal(t, want, task.Digest)
}

// imagesync check says which login a host gets: with dockerConfig: false,
// never docker's.
func TestCredentialSourceWithoutDockerConfig(t *testing.T) {
	cfg, err := infra.Load(write(t, "registry: {dockerConfig: false}\n"), env(nil))
	require.NoError(t, err)
	assert.Equal(t, "anonymous (registry.dockerConfig: false)", cfg.CredentialSource("reg.example.com", env(nil)))
	assert.NotContains(t, cfg.CredentialSource("123456789012.dkr.ecr.eu-west-1.amazonaws.com", env(nil)), "docker")
	cfg, err = infra.Load(write(t, "registry: {}\n"), env(nil))
	require.NoError(t, err)
	assert.Contains(t, cfg.CredentialSource("reg.example.com", env(nil)), "docker config.json")
}
