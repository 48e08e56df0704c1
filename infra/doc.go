// Package infra is the composition root: it finds the configuration
// (LoadSource: IMAGESYNC_CONFIG, IMAGESYNC_CONFIG_YAML, imagesync.yaml in
// the code root, else the default), loads it (YAML plus environment),
// builds the logger, and wires the engines into one
// core.Service, once per process (per cold start), never per request.
//
// Invariants: an invalid configuration is refused at start-up with every
// problem listed by its path in the YAML; unknown keys are errors; secrets
// are read from the environment or files and never logged.
package infra
