package app

import (
	"context"
	"errors"
	"log/slog"
	"net"
	"net/http"
	"time"
)

// drainTime is how long cancelled requests get to answer once the grace
// is over, before their connections are closed.
const drainTime = 5 * time.Second

// Serve serves the HTTP API on ln until ctx ends, then stops gracefully:
// it stops accepting, lets requests in flight finish for up to
// server.shutdownGrace, then cancels them (their tasks end CANCELED and
// their callers are answered) and returns only once they have ended.
// Connections are bounded by the server section: headers, body and idle
// time.
func (a *App) Serve(ctx context.Context, ln net.Listener) error {
	s := a.Config.Server.WithDefaults()
	requests, cancelRequests := context.WithCancel(context.WithoutCancel(ctx))
	defer cancelRequests()
	srv := &http.Server{
		Handler:           a.HTTP,
		ReadHeaderTimeout: s.ReadHeaderTimeout,
		// A backstop: the API lifts it once a request's body is in (see
		// httpapi), so that only reading, never a long sync, is cut.
		ReadTimeout: s.ReadHeaderTimeout + s.BodyTimeout,
		IdleTimeout: s.IdleTimeout,
		BaseContext: func(net.Listener) context.Context { return requests },
		ErrorLog:    slog.NewLogLogger(a.Log.Handler(), slog.LevelDebug),
	}
	a.Log.Info("serving", slog.String("addr", ln.Addr().String()), slog.Any("engines", a.Service.Engines()))
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()
	select {
	case err := <-served:
		return err
	case <-ctx.Done():
	}
	a.Log.Info("shutting down", slog.Duration("grace", s.ShutdownGrace))
	err := shutdown(srv, s.ShutdownGrace)
	if err != nil {
		a.Log.Warn("grace over: cancelling requests in flight")
		cancelRequests()
		if err = shutdown(srv, drainTime); err != nil {
			err = srv.Close()
		}
	}
	if serveErr := <-served; !errors.Is(serveErr, http.ErrServerClosed) {
		return serveErr
	}
	a.Log.Info("stopped")
	return err
}

// shutdown stops srv accepting and waits up to d for its requests to end.
func shutdown(srv *http.Server, d time.Duration) error {
	ctx, cancel := context.WithTimeout(context.Background(), d)
	defer cancel()
	return srv.Shutdown(ctx)
}
