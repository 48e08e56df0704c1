// Package events turns the payloads that registries and platforms deliver
// into core.Push and core.Tick values. It is pure: no I/O, no clock, no
// logging, and it imports only the standard library and core.
//
// One file per source, each with a DecodeXxx function; Detect recognises a
// body's format from its headers and shape, and Decode dispatches.
//
// Invariants:
//   - bodies are untrusted: decoders never panic (FuzzDecode checks it),
//     refuse bodies over MaxBody and envelopes over MaxEvents entries, and
//     return an error wrapping core.ErrInvalid for anything malformed;
//   - an accepted push always has a Repository and a valid Tag or Digest;
//     an invalid digest or tag in a payload is dropped, and a push left
//     with neither is reported as Ignored, with the reason;
//   - entries that are not image pushes (pulls, deletes, blob uploads,
//     failed pushes, other event types) are reported as Ignored, never as
//     pushes, so they can never lead to a sync.
package events
