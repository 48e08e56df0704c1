package main

import (
	"context"
	"errors"
	"log/slog"
	"net"
	"net/http"
	"time"

	"github.com/imagesync/imagesync/functions/app"
)

// serve runs the HTTP function: the HTTP API on port 8000 (FunctionGraph's
// fixed port for HTTP functions; PORT overrides it, for tests), until ctx
// ends.
func serve(ctx context.Context, getenv func(string) string, a *app.App) error {
	port := getenv("PORT")
	if port == "" {
		port = "8000"
	}
	ln, err := net.Listen("tcp", net.JoinHostPort(getenv("HOST"), port))
	if err != nil {
		return err
	}
	srv := &http.Server{Handler: a.HTTP, ReadHeaderTimeout: 10 * time.Second}
	a.Log.Info("serving", slog.String("addr", ln.Addr().String()))
	go func() {
		<-ctx.Done()
		shutdown, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		_ = srv.Shutdown(shutdown)
	}()
	if err := srv.Serve(ln); !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}
