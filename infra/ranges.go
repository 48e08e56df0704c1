package infra

import (
	"github.com/imagesync/imagesync/adapters/registry"
	"github.com/imagesync/imagesync/core"
)

// RangesConfig is registry.ranges: how the engine fetches large blobs from
// a slow source, as several bounded Range requests at once. Zero keeps a
// key's default. More than one range is opened only when the first stream
// shows the source, not the target, holds the copy back.
type RangesConfig struct {
	// ThresholdMiB: blobs of at least this many MiB may be fetched in
	// ranges (default 32).
	ThresholdMiB int `json:"thresholdMiB,omitempty"`
	// ChunkMiB is the size of each ranged request and of each buffer a
	// range fills ahead of the upload (default 8; 1 to 64). At most
	// max(64, perBlob × chunkMiB) MiB are buffered, whatever registry.jobs.
	ChunkMiB int `json:"chunkMiB,omitempty"`
	// PerBlob is the most ranges of one blob at once (default 8; 1: one
	// stream per blob; at most 64). Each range also takes one of
	// registry.jobs, so ranges never add streams to it.
	PerBlob int `json:"perBlob,omitempty"`
}

func (r RangesConfig) validate(v *core.ValidationError) {
	if r.ThresholdMiB < 0 || r.ThresholdMiB > 1<<20 {
		v.Add("registry.ranges.thresholdMiB", "must be between 1 and 1048576 (0: default 32)")
	}
	if r.ChunkMiB < 0 || r.ChunkMiB > 64 {
		v.Add("registry.ranges.chunkMiB", "must be between 1 and 64 (0: default 8)")
	}
	if r.PerBlob < 0 || r.PerBlob > 64 {
		v.Add("registry.ranges.perBlob", "must be between 1 and 64 (0: default 8)")
	}
}

// engine is the engine's setting (zero fields take the engine's defaults).
func (r RangesConfig) engine() registry.Ranges {
	return registry.Ranges{Threshold: int64(r.ThresholdMiB) << 20, Chunk: int64(r.ChunkMiB) << 20, PerBlob: r.PerBlob}
}
