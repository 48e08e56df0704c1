package main

import (
	"context"
	"net"

	"github.com/imagesync/imagesync/functions/app"
)

// serve runs the HTTP function: the HTTP API on port 8000 (FunctionGraph's
// fixed port for HTTP functions; PORT overrides it, for tests), until ctx
// ends, each request with its agency keys (withAgencyKeys).
func serve(ctx context.Context, getenv func(string) string, a *app.App) error {
	port := getenv("PORT")
	if port == "" {
		port = "8000"
	}
	ln, err := net.Listen("tcp", net.JoinHostPort(getenv("HOST"), port))
	if err != nil {
		return err
	}
	a.HTTP = withAgencyKeys(a.HTTP)
	return a.Serve(ctx, ln)
}
