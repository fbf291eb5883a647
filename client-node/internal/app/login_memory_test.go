package app

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"strings"
	"testing"

	"aula/internal/e2e"
)

// BenchmarkNodeLoginMemory200 sends 200 officer logins (badge + PIN) at once to a real aula-node
// process, 200 badges each from its own loopback address (127.0.x.y: 200 terminals, so no
// per-terminal limit stops any before the PIN check), and reports the node's resident memory
// before and at its peak (VmHWM), with how the logins were answered.
func BenchmarkNodeLoginMemory200(b *testing.B) {
	const logins = 200
	dir := perfData(b, logins)
	for range b.N {
		cmd, base, _ := startNode(b, dir)
		before := procMB(b, cmd.Process.Pid, "VmRSS")
		answers := e2e.Burst(logins, func(i int) *http.Client {
			local := &net.TCPAddr{IP: net.IPv4(127, 0, byte(1+i/250), byte(1+i%250))}
			return &http.Client{Transport: &http.Transport{DialContext: (&net.Dialer{LocalAddr: local}).DialContext}}
		}, func(i int) *http.Request {
			body := fmt.Sprintf(`{"badge":"T-%d","pin":"1234"}`, i)
			req, _ := http.NewRequestWithContext(context.Background(), "POST", base+"/api/v1/session", strings.NewReader(body))
			req.Header.Set("Content-Type", "application/json")
			return req
		})
		peak := procMB(b, cmd.Process.Pid, "VmHWM")
		cmd.Process.Kill()
		cmd.Wait()
		b.Logf("answers by status: %v", answers)
		b.ReportMetric(before, "MB-rss-before")
		b.ReportMetric(peak, "MB-rss-peak")
		b.ReportMetric(float64(answers[http.StatusOK]), "logins-ok")
	}
}
