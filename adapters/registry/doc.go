// Package registry is the direct OCI registry-to-registry copy engine. It
// speaks the distribution API itself (go-containerregistry supplies names,
// auth challenges and token exchange) and is imagesync's embedded default.
//
// Invariants:
//   - a sync compares digests first: one manifest HEAD per side; an equal
//     digest at the target is a no-op success (Task.Skipped), a different
//     one is ErrConflict unless the request overrides;
//   - a copy is byte for byte: manifests are pushed as fetched, so the target
//     digest equals the source digest; it is checked after the push;
//   - blobs stream from source to target, never buffered; each is hashed
//     and counted on the way and must match its descriptor; blobs and child
//     manifests the target already has are skipped (HEAD); within one
//     registry blobs are mounted; at most Jobs blobs move at once per sync;
//   - one retry layer: the transport retries single requests (408, 429,
//     5xx, resets, cut small bodies) and the blob copier re-sends a blob
//     whose stream or upload broke, both with the same Retry policy, which
//     honours Retry-After and never sleeps past the context deadline;
//   - one authenticated client per registry and scope set, shared by all
//     syncs for ten minutes: tokens and connections are reused;
//   - credentials are never logged; every error wraps a core kind.
package registry
