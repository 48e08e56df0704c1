package main

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestCheckReportsHostAddress: check refuses registry.hosts[].address
// given as a URL, by its path (exit 2), and accepts a host:port.
func TestCheckReportsHostAddress(t *testing.T) {
	bad := checkConfig(t, "registry:\n  hosts:\n    - {host: \"registry:5000\", address: \"http://registry.registry:5000\", tls: disabled}\n")
	code, _, errOut := runIn("check", "--config", bad)
	assert.Equal(t, 2, code)
	assert.Contains(t, errOut, "registry.hosts[0].address: must be host[:port], without scheme, path or spaces")

	good := checkConfig(t, "registry:\n  hosts:\n    - {host: \"registry:5000\", address: \"registry.registry:5000\", tls: disabled}\n")
	code, _, errOut = runIn("check", "--config", good)
	require.Equal(t, 0, code, errOut)
}
