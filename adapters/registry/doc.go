// Package registry is the direct OCI registry-to-registry copy engine, built
// on go-containerregistry. It works between any two registries that speak
// the distribution API and is imagesync's embedded default.
//
// Invariants:
//   - a sync compares digests first: an equal digest at the target is a
//     no-op success (Task.Skipped), a different one is ErrConflict unless
//     the request overrides;
//   - a copy is byte for byte: manifests are pushed as fetched, so the target
//     digest equals the source digest, and it is checked after the push;
//   - blobs stream from source to target; nothing is buffered whole;
//   - every error wraps a core kind (see errors.go).
package registry
