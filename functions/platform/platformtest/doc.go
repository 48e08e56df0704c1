// Package platformtest holds the test pieces the platform entrypoints
// (functions/aws, functions/aliyun, functions/huawei) share:
//
//   - Runtime, a stand-in of a polling runtime API (Lambda's, FC's,
//     FunctionGraph's): described by an API of ServeMux patterns and the
//     headers it hands out with an invocation, it gives out the invocations
//     queued with Invoke or Queue and collects their results;
//   - Artifact, a platform's zip made by the Makefile itself (make
//     build-<platform> CONFIG=... GOARCH=<host>) once per test binary and
//     unpacked as the platform unpacks it; Binary, its entrypoint alone in
//     a directory of its own (no configuration beside it); Main removes
//     both when the tests end;
//   - Deploy, what the deployed-artifact tests share: two docker-registries
//     on addresses fixed for the test binary (so that the configuration
//     naming them is built into the artifact once), the source's push
//     notifications collected, and the configuration: a push rule and two
//     jobs, one due at TickTime and one not;
//     Command and Run, the built binary started with extra environment and
//     killed when the test ends, and Output, its stderr safe to read meanwhile;
//   - ColdStart, the cold-start benchmark harness (p50-ms and p90-ms from
//     exec to the first answer), with Runtime.Cold (the first invocation's
//     answer) and HTTPAnswered (the first answered GET) to see it come;
//   - Testdata, Events and NewSync: a testdata file, a recording EventFunc
//     and an image ready to be synced between two in-memory registries.
//
// Invariants: everything a helper starts (servers, processes) is stopped
// through t.Cleanup or by the caller's Close; nothing here changes the
// process environment; a failure fails the test or benchmark, never panics.
// It is for tests only: no non-test package imports it.
package platformtest
