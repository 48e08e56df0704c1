// Package httpapi is the one net/http handler that every HTTP trigger of
// imagesync serves: the local server, Lambda Function URLs, Cloud Functions,
// Function Compute and FunctionGraph.
//
// Routes:
//
//	POST /v1/syncs          start a sync; 200 with a finished task, 202 with a started one
//	GET  /v1/syncs/{id}     one task
//	GET  /v1/syncs          a page of an engine's tasks (?engine=&region=&instance=&namespace=&repository=&tag=&status=&page=&pageSize=)
//	POST /v1/events         a push or schedule payload of any supported source (?dryRun=true plans only)
//	POST /v1/ticks          run a tick now: {"jobs": [...]} or no body for all (?dryRun=true plans only)
//	GET  /healthz           liveness (HEAD too; open), the configured engines and the config's source and digest
//	GET  / and /ui          the status page (ui.go): engines, recent tasks, jobs, rules; HTML
//	                        rendered on the server, reloading itself, no script
//
// A method a route does not serve is 405 with Allow. Every other request
// is admitted from its headers before its body is read (a caller without
// credentials never holds a connection with a slow body); the body is then
// read within Limits.BodyTimeout, and what needs it (a signature's MAC, a
// webhook's format) is checked last. Reads show a principal only the tasks
// its policy allows.
//
// Invariants: every body is size-limited and decoded with unknown fields
// refused; every error is {"error": {"kind", "message", "fields"}} with the
// HTTP status chosen in status.go alone; no secret is ever written back.
package httpapi
