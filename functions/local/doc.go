// Command imagesync is the local server and CLI: the main job on one
// machine, with the same core, engines and HTTP API as the functions.
//
//	imagesync serve [--addr 127.0.0.1:8080] [--config FILE]   the HTTP API and the status page
//	imagesync sync SRC DST [--override] [--dry-run] ...        one image, or a repository's tags
//	imagesync once --config FILE [--job NAME]...               the configured jobs, once
//	imagesync version                                          what the binary was built from
//
// Each command lives in its own file and registers itself (command.go):
// its usage lines, two examples or more, and its run function, which
// parses its own FlagSet through command.parse. Every command's --help
// exits 0; exit codes are 0 ok, 1 a sync failed, 2 bad input (flags,
// arguments, configuration, an unknown job), 130 interrupted.
//
// Invariants: results go to stdout (text on a terminal, JSON otherwise,
// or as --output says); logs, progress and errors to stderr, one line per
// failure. On a terminal the logs are at warn unless -v or --log-level,
// and they are written above the progress bar, never into it (console.go).
// The bar's total is planned (a dry run) before bytes move.
package main
