package registry

import (
	"bytes"
	"crypto/sha512"
	"encoding/hex"
	"io"
	"testing"

	v1 "github.com/google/go-containerregistry/pkg/v1"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// A sha512 blob is verified as a sha256 one is.
func TestVerifierSHA512(t *testing.T) {
	body := []byte("sha512 blob")
	sum := sha512.Sum512(body)
	d := v1.Descriptor{Digest: v1.Hash{Algorithm: "sha512", Hex: hex.EncodeToString(sum[:])}, Size: int64(len(body))}
	v, err := newVerifier(io.NopCloser(bytes.NewReader(body)), d)
	require.NoError(t, err)
	_, err = io.ReadAll(v)
	require.NoError(t, err)

	v, _ = newVerifier(io.NopCloser(bytes.NewReader([]byte("sha512 blub"))), d)
	_, err = io.ReadAll(v)
	assert.ErrorContains(t, err, "another digest")
}
