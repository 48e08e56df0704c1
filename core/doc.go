// Package core is the pure heart of imagesync: the types of a sync (Endpoint,
// SyncRequest, Task), their validation, the routing of a request to an engine,
// and the Service that the platform entrypoints call.
//
// Invariants:
//   - core imports only the standard library (core_deps_test.go enforces it);
//   - every port core needs (Engine, TaskReader, TagLister, TagTimer,
//     TagDeleter, RepoResolver, RepositoryLister, AutoSyncer) is declared
//     here and implemented elsewhere;
//   - every error core returns wraps one of the sentinel kinds in errors.go, so
//     the edge can choose a status code with errors.Is alone;
//   - validation reports every problem of a request at once, each with the path
//     of its field (source.image, target.namespace) and the rule it broke.
package core
