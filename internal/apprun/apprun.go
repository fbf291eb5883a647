// Package apprun runs an app's HTTP server the same way in both programs: Listen binds the
// address with the timeouts an exposed server needs, Serve answers until its context ends and
// then shuts down gracefully, and UntilSignal runs a whole app until SIGINT or SIGTERM.
package apprun

import (
	"context"
	"errors"
	"net"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"
)

// shutdownGrace is how long requests in flight get to finish when the server stops.
const shutdownGrace = 10 * time.Second

// Server is an http.Server bound to its address.
type Server struct {
	ln  net.Listener
	srv *http.Server
}

// Listen binds addr (":0" picks a free port) for h. readTimeout bounds reading a whole request
// (uploads need minutes); headers must come within 10 seconds, idle connections close after 2
// minutes.
func Listen(addr string, h http.Handler, readTimeout time.Duration) (*Server, error) {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, err
	}
	return &Server{ln: ln, srv: &http.Server{Handler: h, ReadHeaderTimeout: 10 * time.Second, ReadTimeout: readTimeout,
		IdleTimeout: 2 * time.Minute}}, nil
}

// Addr returns the address the server listens on.
func (s *Server) Addr() string { return s.ln.Addr().String() }

// Serve answers requests until ctx ends, then lets requests in flight finish (up to 10 seconds)
// and returns. It returns early, with the error, if serving fails.
func (s *Server) Serve(ctx context.Context) error {
	errc := make(chan error, 1)
	go func() { errc <- s.srv.Serve(s.ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	sctx, cancel := context.WithTimeout(context.Background(), shutdownGrace)
	defer cancel()
	err := s.srv.Shutdown(sctx)
	if e := <-errc; !errors.Is(e, http.ErrServerClosed) {
		err = errors.Join(err, e)
	}
	return err
}

// App is an opened app (app.Main in each program).
type App interface {
	Listen() error
	Run(ctx context.Context) error
	Close() error
}

// UntilSignal binds and runs a, until SIGINT or SIGTERM, then closes it.
func UntilSignal(a App) error {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := a.Listen(); err != nil {
		return errors.Join(err, a.Close())
	}
	return errors.Join(a.Run(ctx), a.Close())
}
