package acr

import (
	"testing"

	"github.com/imagesync/imagesync/core"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestMapStatus(t *testing.T) {
	tests := map[string]core.TaskStatus{
		"NEW": core.StatusPending, "PENDING": core.StatusPending, "pending": core.StatusPending,
		"SYNCHRONIZING": core.StatusSyncing, "SYNCING": core.StatusSyncing,
		"SUCCESS": core.StatusSuccess,
		"ERROR":   core.StatusFailed, "FAILED": core.StatusFailed,
		"CANCELED": core.StatusCanceled, "CANCELLED": core.StatusCanceled,
		"SOMETHING_NEW": core.StatusPending, "": core.StatusPending,
	}
	for in, want := range tests {
		assert.Equal(t, want, mapStatus(in), in)
	}
}

func TestTaskID(t *testing.T) {
	id := taskID("cn-beijing", "cri-abc123", "rst-xyz")
	assert.Equal(t, "acr:cn-beijing:cri-abc123:rst-xyz", id)
	region, instance, task, err := parseTaskID(id)
	require.NoError(t, err)
	assert.Equal(t, []string{"cn-beijing", "cri-abc123", "rst-xyz"}, []string{region, instance, task})

	for _, bad := range []string{"", "acr:rst-xyz", "swr:cn-beijing:cri-abc123:rst-xyz", "acr:Beijing:cri-abc123:rst-xyz",
		"acr:cn-beijing:abc:rst-xyz", "acr:cn-beijing:cri-abc123:", "acr:cn-beijing:cri-abc123:rst/x", "acr:cn-beijing:cri-abc123:a:b"} {
		_, _, _, err := parseTaskID(bad)
		assert.ErrorIs(t, err, core.ErrInvalid, bad)
	}
}

func TestFlexIntAcceptsNumbersAndStrings(t *testing.T) {
	for in, want := range map[string]int{`{"TotalCount":3}`: 3, `{"TotalCount":"12"}`: 12, `{"TotalCount":""}`: 0, `{}`: 0} {
		var l taskList
		require.NoError(t, jsonUnmarshal(in, &l), in)
		assert.Equal(t, want, int(l.TotalCount), in)
	}
	var l taskList
	assert.Error(t, jsonUnmarshal(`{"TotalCount":"many"}`, &l))
}
