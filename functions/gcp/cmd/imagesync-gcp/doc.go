// Command imagesync-gcp runs imagesync's Cloud Functions on a laptop, with
// the Functions Framework that Cloud Functions itself uses:
//
//	PORT=8080 FUNCTION_TARGET=imagesync go run ./functions/gcp/cmd/imagesync-gcp
//	FUNCTION_TARGET=imagesyncEvents go run ./functions/gcp/cmd/imagesync-gcp
//
// FUNCTION_TARGET picks the function served at "/" (default imagesync, the
// HTTP API); PORT the port (default 8080); HOST the address (default
// 127.0.0.1, loopback only).
package main
