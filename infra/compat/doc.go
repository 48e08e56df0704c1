// Package compat reads the configuration files of the tools imagesync
// users come from — regsync (regclient) and image-syncer (Alibaba) — and
// translates them into an imagesync configuration document: jobs,
// credentials and registry settings, under imagesync's own keys.
//
// Invariants:
//   - Every key of the input is either mapped or refused, with its path in
//     the input (sync[2].hooks: …) and the reason: nothing is silently
//     ignored. A key mapped onto a behaviour that differs in a detail is
//     mapped with a note that says how.
//   - Secrets are never read into the document: a password becomes a
//     reference to the environment variable or file that holds it
//     (passwordEnv, passwordFile); a password written in the file itself is
//     refused.
//   - The output is a plain imagesync document (Doc, marshalled to YAML),
//     decoded by the same strict loader as a hand-written one; Origins maps
//     its paths back to the input's for error messages.
//   - Untrusted bytes: inputs are size-capped, aliases are bounded, and a
//     parse never panics (FuzzTranslate).
package compat
