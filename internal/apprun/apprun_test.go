package apprun

import (
	"context"
	"io"
	"net/http"
	"testing"
)

// A request in flight when the context ends still gets its answer; then Serve returns nil.
func TestServeFinishesRequestsThenStops(t *testing.T) {
	inside, release := make(chan struct{}), make(chan struct{})
	s, err := Listen("127.0.0.1:0", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		close(inside)
		<-release
		io.WriteString(w, "hecho")
	}), 0)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	served := make(chan error, 1)
	go func() { served <- s.Serve(ctx) }()
	answer := make(chan string, 1)
	go func() {
		resp, err := http.Get("http://" + s.Addr())
		if err != nil {
			answer <- err.Error()
			return
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		answer <- string(b)
	}()
	<-inside
	cancel()
	close(release)
	if got := <-answer; got != "hecho" {
		t.Errorf("answer in flight = %q", got)
	}
	if err := <-served; err != nil {
		t.Errorf("Serve = %v", err)
	}
}

// A second server on the same address fails to bind instead of serving nothing.
func TestListenBusyAddress(t *testing.T) {
	s, err := Listen("127.0.0.1:0", http.NotFoundHandler(), 0)
	if err != nil {
		t.Fatal(err)
	}
	defer s.ln.Close()
	if _, err := Listen(s.Addr(), http.NotFoundHandler(), 0); err == nil {
		t.Error("bound a busy address")
	}
}
