// Package svgchart draws the small charts of Aula's reports as inline SVG, on the server: stacked
// bars of statuses per unit and a line of a rate over time. No JavaScript, no style attributes
// (the pages' CSP forbids inline styles; SVG presentation attributes are not styles), and each
// series is told apart by a pattern and by printed numbers as well as by colour, so a chart reads
// the same printed in black and white.
package svgchart

import (
	"fmt"
	"html/template"
	"math"
	"strings"
)

// Series is one part of every stacked bar: its name (in the legend), its colour and its
// pattern, one of "solid", "hatch" (diagonal lines), "dots" and "cross".
type Series struct {
	Name, Color, Pattern string
}

// Bar is one unit's counts, one per series, in the series' order. Link, when set, makes the
// unit's label a link (the drill-down).
type Bar struct {
	Label, Link string
	Values      []int
}

// Stacked draws one horizontal bar per unit, each as 100 % split into its series, with the
// percentage printed in every part wide enough to hold it, the total at the right and a legend
// below. title is the chart's accessible name.
func Stacked(title string, series []Series, bars []Bar) template.HTML {
	const labelW, barW, totalW, rowH, barH = 190.0, 520.0, 70.0, 26.0, 18.0
	width := labelW + barW + totalW
	legendY := float64(len(bars))*rowH + 14
	height := legendY + 24
	var b strings.Builder
	fmt.Fprintf(&b, `<svg class="chart" xmlns="http://www.w3.org/2000/svg" role="img" viewBox="0 0 %g %g" width="%g" height="%g" font-family="sans-serif" font-size="12"><title>%s</title>`,
		width, height, width, height, esc(title))
	b.WriteString(defs(series))
	for i, bar := range bars {
		y := float64(i) * rowH
		total := 0
		for _, v := range bar.Values {
			total += v
		}
		label := esc(shorten(bar.Label, 28))
		if bar.Link != "" {
			fmt.Fprintf(&b, `<a href="%s"><text x="0" y="%g" fill="#0b4ea2" text-decoration="underline">%s</text></a>`, esc(bar.Link), y+barH-4, label)
		} else {
			fmt.Fprintf(&b, `<text x="0" y="%g" fill="#1b1f24">%s</text>`, y+barH-4, label)
		}
		x := labelW
		for j, v := range bar.Values {
			if v == 0 || total == 0 || j >= len(series) {
				continue
			}
			w := barW * float64(v) / float64(total)
			fmt.Fprintf(&b, `<rect x="%.1f" y="%g" width="%.1f" height="%g" fill="%s" stroke="#1b1f24" stroke-width="0.5"><title>%s: %d</title></rect>`,
				x, y, w, barH, fill(j, series[j]), esc(series[j].Name), v)
			if pct := fmt.Sprintf("%d%%", int(math.Round(100*float64(v)/float64(total)))); w >= float64(len(pct))*7+4 {
				// The number sits on a white box so it reads over any pattern.
				tw := float64(len(pct))*7 + 2
				fmt.Fprintf(&b, `<rect x="%.1f" y="%g" width="%.1f" height="12" fill="#fff" opacity="0.85"/><text x="%.1f" y="%g" text-anchor="middle" fill="#000">%s</text>`,
					x+w/2-tw/2, y+3, tw, x+w/2, y+barH-5, pct)
			}
			x += w
		}
		if total == 0 {
			fmt.Fprintf(&b, `<rect x="%g" y="%g" width="%g" height="%g" fill="#fff" stroke="#8a94a0" stroke-dasharray="3 2"/>`, labelW, y, barW, barH)
		}
		fmt.Fprintf(&b, `<text x="%g" y="%g" text-anchor="end" fill="#1b1f24">%d</text>`, width-2, y+barH-4, total)
	}
	x := 0.0
	for j, s := range series {
		fmt.Fprintf(&b, `<rect x="%g" y="%g" width="16" height="12" fill="%s" stroke="#1b1f24" stroke-width="0.5"/><text x="%g" y="%g" fill="#1b1f24">%s</text>`,
			x, legendY, fill(j, s), x+20, legendY+10, esc(s.Name))
		x += 20 + float64(len([]rune(s.Name)))*7 + 18
	}
	b.WriteString(`</svg>`)
	return template.HTML(b.String())
}

// Point is one value of a line: a label on the x axis and a value from 0 to 1.
type Point struct {
	Label string
	Value float64
}

// Line draws a rate (0..1) over time as a line with a dot and its percentage at every point,
// gridlines at 0, 25, 50, 75 and 100 %.
func Line(title string, points []Point) template.HTML {
	const left, right, top, bottom, width, height = 44.0, 16.0, 18.0, 34.0, 780.0, 220.0
	plotW, plotH := width-left-right, height-top-bottom
	var b strings.Builder
	fmt.Fprintf(&b, `<svg class="chart" xmlns="http://www.w3.org/2000/svg" role="img" viewBox="0 0 %g %g" width="%g" height="%g" font-family="sans-serif" font-size="12"><title>%s</title>`,
		width, height, width, height, esc(title))
	for _, g := range []int{0, 25, 50, 75, 100} {
		y := top + plotH*(1-float64(g)/100)
		fmt.Fprintf(&b, `<line x1="%g" y1="%.1f" x2="%g" y2="%.1f" stroke="#c5ccd4" stroke-width="1"/><text x="%g" y="%.1f" text-anchor="end" fill="#56606b">%d%%</text>`,
			left, y, width-right, y, left-6, y+4, g)
	}
	// The points stand inset from the axis, so that the first value's label does not run into
	// the percentages of the axis.
	const inset = 24.0
	step := plotW
	if len(points) > 1 {
		step = (plotW - 2*inset) / float64(len(points)-1)
	}
	var path []string
	for i, p := range points {
		x := left + inset + step*float64(i)
		if len(points) == 1 {
			x = left + plotW/2
		}
		y := top + plotH*(1-clamp(p.Value))
		path = append(path, fmt.Sprintf("%.1f,%.1f", x, y))
		fmt.Fprintf(&b, `<text x="%.1f" y="%g" text-anchor="middle" fill="#1b1f24">%s</text>`, x, height-bottom+18, esc(p.Label))
	}
	if len(path) > 1 {
		fmt.Fprintf(&b, `<polyline points="%s" fill="none" stroke="#10345f" stroke-width="2.5"/>`, strings.Join(path, " "))
	}
	for i, p := range points {
		xy := strings.Split(path[i], ",")
		fmt.Fprintf(&b, `<circle cx="%s" cy="%s" r="4" fill="#fff" stroke="#10345f" stroke-width="2"><title>%s: %s</title></circle>`,
			xy[0], xy[1], esc(p.Label), Percent(p.Value))
		fmt.Fprintf(&b, `<text x="%s" y="%s" dy="-9" text-anchor="middle" fill="#000">%s</text>`, xy[0], xy[1], Percent(p.Value))
	}
	b.WriteString(`</svg>`)
	return template.HTML(b.String())
}

// Percent formats a rate 0..1 as a whole percentage ("87%").
func Percent(v float64) string { return fmt.Sprintf("%d%%", int(math.Round(100*clamp(v)))) }

func clamp(v float64) float64 { return math.Max(0, math.Min(1, v)) }

// defs declares one pattern per series: its colour as background, black marks on top.
func defs(series []Series) string {
	var b strings.Builder
	b.WriteString("<defs>")
	for j, s := range series {
		fmt.Fprintf(&b, `<pattern id="sc-p%d" patternUnits="userSpaceOnUse" width="6" height="6"><rect width="6" height="6" fill="%s"/>`, j, esc(s.Color))
		switch s.Pattern {
		case "hatch":
			b.WriteString(`<path d="M0,6 L6,0 M-1,1 L1,-1 M5,7 L7,5" stroke="#000" stroke-width="1"/>`)
		case "dots":
			b.WriteString(`<circle cx="3" cy="3" r="1.2" fill="#000"/>`)
		case "cross":
			b.WriteString(`<path d="M0,0 L6,6 M6,0 L0,6" stroke="#000" stroke-width="1"/>`)
		}
		b.WriteString("</pattern>")
	}
	b.WriteString("</defs>")
	return b.String()
}

func fill(j int, s Series) string {
	if s.Pattern == "" || s.Pattern == "solid" {
		return esc(s.Color)
	}
	return fmt.Sprintf("url(#sc-p%d)", j)
}

func shorten(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}

func esc(s string) string { return template.HTMLEscapeString(s) }
