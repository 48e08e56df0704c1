// Package app is what every entrypoint builds once per cold start: the
// configuration, the logger, the core.Service and the HTTP handler, and the
// one path by which a platform event (a registry push or a schedule tick)
// reaches the core. Entrypoints stay thin: decode the platform envelope,
// call App, encode the answer.
package app
