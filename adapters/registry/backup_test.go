package registry_test

import (
	"context"
	"testing"

	reg "github.com/imagesync/imagesync/adapters/registry"
	"github.com/imagesync/imagesync/adapters/registry/registrytest"
	"github.com/imagesync/imagesync/core"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestBackupBeforeReplace: a sync that replaces a target tag first tags
// what it held as the backup tag, in the target repository (regsync's
// backup); a sync that replaces nothing, or may not, writes no backup.
func TestBackupBeforeReplace(t *testing.T) {
	src, dst := registrytest.Distribution(t, ""), registrytest.Distribution(t, "")
	old := registrytest.PushIndex(t, src+"/team/app:v1", 4<<10, 1, 2)
	e, err := reg.New()
	require.NoError(t, err)
	req := copyReq(src+"/team/app:v1", dst+"/team/app")
	req.Override, req.Backup = true, "bkup-v1"
	_, err = e.Sync(context.Background(), req)
	require.NoError(t, err)
	assert.Empty(t, registrytest.Digest(t, dst+"/team/app:bkup-v1"), "nothing was replaced: no backup")

	moved := registrytest.PushIndex(t, src+"/team/app:v1", 4<<10, 1, 2)
	refused := req
	refused.Override, refused.Backup = false, ""
	_, err = e.Sync(context.Background(), refused)
	require.ErrorIs(t, err, core.ErrConflict)
	assert.Empty(t, registrytest.Digest(t, dst+"/team/app:bkup-v1"), "a refused sync writes no backup")

	task, err := e.Sync(context.Background(), req)
	require.NoError(t, err)
	assert.Equal(t, moved, task.Digest)
	assert.Equal(t, moved, registrytest.Digest(t, dst+"/team/app:v1"))
	assert.Equal(t, old, registrytest.Digest(t, dst+"/team/app:bkup-v1"), "the replaced digest is kept")
}
