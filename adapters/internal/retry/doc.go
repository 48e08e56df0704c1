// Package retry is imagesync's one retry policy, used by every engine
// (registry, acr, swr, hss) and the cloud logins (adapters/registry/creds):
//
//   - full-jitter backoff: the wait before try n+1 is drawn uniformly from
//     [0, min(Max, Base·2^(n-1))];
//   - a provider's Retry-After is a floor on that wait, honoured up to
//     MaxWait (DefaultMaxWait, 2 minutes, for every engine; the registry
//     engine's is configurable): a longer ask gives up at once, throttled,
//     rather than hold a sync for an unknown time;
//   - always inside the caller's deadline: a wait that would outlive the
//     context's deadline is not started, and a context done mid-wait ends it.
//
// Which failures are worth another try is the caller's to say (each
// provider fails in its own words); how long to wait and when to stop is
// said here only. The package uses only the standard library.
package retry
