// Package metrics exposes Aula's operational counters in the Prometheus text format, through
// the Prometheus project's own client library. It is that library's only importer: its API
// (Registry, Counter, Sample, an http.Handler) has no Prometheus types, so callers never see them.
// Each program makes one Registry; /metrics answers only requests from this machine or a private
// network.
package metrics

import (
	"net"
	"net/http"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// Registry holds one program's metrics.
type Registry struct {
	reg *prometheus.Registry
}

// New returns a registry with the Go runtime and process metrics.
func New() *Registry {
	reg := prometheus.NewRegistry()
	reg.MustRegister(collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	return &Registry{reg: reg}
}

// Counter is a counter with labels, registered in a Registry.
type Counter struct {
	vec *prometheus.CounterVec
}

// Counter registers a counter with the given label names.
func (r *Registry) Counter(name, help string, labels ...string) *Counter {
	c := prometheus.NewCounterVec(prometheus.CounterOpts{Name: name, Help: help}, labels)
	r.reg.MustRegister(c)
	return &Counter{vec: c}
}

// Inc adds one to the counter with these label values (one per label name, in order).
func (c *Counter) Inc(labelValues ...string) { c.vec.WithLabelValues(labelValues...).Inc() }

// Add adds n (not negative) to the counter with these label values.
func (c *Counter) Add(n float64, labelValues ...string) { c.vec.WithLabelValues(labelValues...).Add(n) }

// GaugeFunc registers a gauge read when scraped.
func (r *Registry) GaugeFunc(name, help string, f func() float64) {
	r.reg.MustRegister(prometheus.NewGaugeFunc(prometheus.GaugeOpts{Name: name, Help: help}, f))
}

// Sample is one labelled value of a gauge read at scrape time.
type Sample struct {
	Labels []string
	Value  float64
}

// GaugesFunc registers a labelled gauge whose samples are read when scraped (for example the
// last sync time of every station).
func (r *Registry) GaugesFunc(name, help string, labels []string, f func() []Sample) {
	r.reg.MustRegister(&gauges{desc: prometheus.NewDesc(name, help, labels, nil), f: f})
}

type gauges struct {
	desc *prometheus.Desc
	f    func() []Sample
}

func (g *gauges) Describe(ch chan<- *prometheus.Desc) { ch <- g.desc }

func (g *gauges) Collect(ch chan<- prometheus.Metric) {
	for _, s := range g.f() {
		ch <- prometheus.MustNewConstMetric(g.desc, prometheus.GaugeValue, s.Value, s.Labels...)
	}
}

// Handler serves the metrics to loopback and private-network clients only: station names and
// sync times are operators' business.
func (r *Registry) Handler() http.Handler {
	h := promhttp.HandlerFor(r.reg, promhttp.HandlerOpts{})
	return http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		host, _, err := net.SplitHostPort(req.RemoteAddr)
		ip := net.ParseIP(host)
		if err != nil || ip == nil || !(ip.IsLoopback() || ip.IsPrivate()) {
			http.Error(w, "metrics are served to this machine and private networks only", http.StatusForbidden)
			return
		}
		h.ServeHTTP(w, req)
	})
}
