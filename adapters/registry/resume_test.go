package registry_test

import (
	"strings"
	"testing"

	"github.com/imagesync/imagesync/adapters/registry/registrytest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// An upload that breaks at a target that keeps what it got (and says so
// on a GET of the upload URL) goes on from there: the target reads each
// byte once; the source is read again only from the hash note before the
// break.
func TestResumeTargetUpload(t *testing.T) {
	src, dst := registrytest.InMemory(t), registrytest.InMemory(t)
	want, size := pushLayers(t, src+"/app:v1", 6<<20, 1)
	up := registrytest.NewUploadProxy(t, dst)
	up.Cut(2)
	sp := registrytest.NewShapeProxy(t, src, registrytest.Shape{})
	var logs logBuf
	_, err := sync(t, rangedEngine(t, &logs, 4), sp.Host+"/app:v1", up.Host+"/app", false, false)
	require.NoError(t, err)
	assert.Equal(t, want, digestOf(t, dst+"/app:v1"))
	assert.Equal(t, 2, strings.Count(logs.String(), "target upload broke, resuming"), "the config and the layer")
	assert.Equal(t, size, up.Received(), "the target got every byte once")
	t.Logf("source sent %d bytes for %d", sp.Counters().BlobBytes, size)
	assert.Less(t, sp.Counters().BlobBytes, 2*size)
}
