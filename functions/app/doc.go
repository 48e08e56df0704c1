// Package app is what every entrypoint builds once per cold start: the
// configuration (found as infra.LoadSource says, and checked for what the
// functions need), the logger, the core.Service and the HTTP handler, and
// the one path by which a platform event (a registry push or a schedule
// tick) reaches the core. A platform timer's tick that names no job runs
// the jobs due in the tick interval before its time (window.go), with no
// state kept between ticks; under serve, RunSchedules runs each job when
// due (schedules.go). Entrypoints stay thin: decode the platform envelope,
// call App, encode the answer.
package app
