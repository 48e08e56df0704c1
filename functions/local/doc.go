// Command imagesync is the local server and CLI: the main job on one
// machine, with the same core, engines and HTTP API as the functions.
//
//	imagesync serve [--addr 127.0.0.1:8080] [--config FILE]   serve the HTTP API (PORT is honoured)
//	imagesync sync SRC DST [--override] [--dry-run] [--config FILE] [--progress=false]
//
// sync prints the task as JSON and exits 0 on success, 1 on a failed sync,
// 2 on bad usage or configuration. While blobs move it shows progress on
// stderr (bytes done of those found missing so far, rate): a bar redrawn in
// place when stderr is a terminal, plain lines every 5 s otherwise.
package main
