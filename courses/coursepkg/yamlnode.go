package coursepkg

import (
	"errors"
	"fmt"
	"math"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"aula/courses"

	"go.yaml.in/yaml/v3"
)

// node wraps YAML decoding with problem reporting at the node's own line.
type node struct {
	c    *collector
	file string
	off  int // line offset (front matter starts after the first line of a lesson)
}

var yamlLine = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)

// parse parses YAML text into its root node, reporting syntax errors with their real line.
func (d *node) parse(data []byte) *yaml.Node {
	var root yaml.Node
	if err := yaml.Unmarshal(data, &root); err != nil {
		var te *yaml.TypeError
		msg, line := err.Error(), 1
		if errors.As(err, &te) && len(te.Errors) > 0 {
			msg = te.Errors[0]
		}
		if m := yamlLine.FindStringSubmatch(msg); m != nil {
			line, _ = strconv.Atoi(m[1])
			msg = m[2]
		} else {
			msg = strings.TrimPrefix(msg, "yaml: ")
		}
		d.c.add(d.file, line+d.off, "lint.yaml", msg)
		return nil
	}
	if root.Kind == 0 || len(root.Content) == 0 {
		d.c.add(d.file, 1+d.off, "lint.empty_file")
		return nil
	}
	if hasAlias(&root) {
		d.c.add(d.file, 1+d.off, "lint.yaml_alias")
		return nil
	}
	return root.Content[0]
}

func hasAlias(n *yaml.Node) bool {
	if n.Kind == yaml.AliasNode || n.Anchor != "" {
		return true
	}
	return slices.ContainsFunc(n.Content, hasAlias)
}

func (d *node) errf(n *yaml.Node, id string, args ...any) {
	d.c.add(d.file, lineOf(n)+d.off, id, args...)
}

// softf reports a problem that loses nothing of the file (see collector.soft).
func (d *node) softf(n *yaml.Node, id string, args ...any) {
	d.c.soft(d.file, lineOf(n)+d.off, id, args...)
}

func lineOf(n *yaml.Node) int {
	if n == nil {
		return 1
	}
	return n.Line
}

// fields checks that n is a mapping with only allowed keys and no duplicates, and returns key ->
// value. what names the mapping in messages.
func (d *node) fields(n *yaml.Node, what string, allowed ...string) map[string]*yaml.Node {
	out := map[string]*yaml.Node{}
	if n.Kind != yaml.MappingNode {
		d.errf(n, "lint.not_mapping", what)
		return out
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		key := k.Value
		switch {
		case k.Kind != yaml.ScalarNode:
			d.errf(k, "lint.key_not_word", what)
		case !slices.Contains(allowed, key):
			if s := closest(key, allowed); s != "" {
				d.errf(k, "lint.key_unknown_closest", key, what, s)
			} else {
				d.errf(k, "lint.key_unknown", key, what, strings.Join(allowed, ", "))
			}
		case out[key] != nil:
			d.errf(k, "lint.key_twice", key, what)
		default:
			out[key] = v
		}
	}
	return out
}

// require reports each missing required key of a mapping.
func (d *node) require(n *yaml.Node, what string, f map[string]*yaml.Node, keys ...string) {
	if n.Kind != yaml.MappingNode {
		return
	}
	for _, k := range keys {
		if f[k] == nil {
			d.softf(n, "lint.field_missing", what, k)
		}
	}
}

func (d *node) scalar(n *yaml.Node, field string) (string, bool) {
	if n.Kind != yaml.ScalarNode || n.Tag == "!!null" {
		d.errf(n, "lint.not_scalar", field)
		return "", false
	}
	return n.Value, true
}

func (d *node) str(n *yaml.Node, field string) string {
	s, ok := d.scalar(n, field)
	if ok && strings.TrimSpace(s) == "" {
		d.softf(n, "lint.empty_value", field)
	}
	return s
}

func (d *node) integer(n *yaml.Node, field string) (int, bool) {
	s, ok := d.scalar(n, field)
	if !ok {
		return 0, false
	}
	v, err := strconv.Atoi(s)
	if err != nil || n.Tag != "!!int" {
		d.errf(n, "lint.not_integer", field, s)
		return 0, false
	}
	return v, true
}

func (d *node) number(n *yaml.Node, field string) (float64, bool) {
	s, ok := d.scalar(n, field)
	if !ok {
		return 0, false
	}
	v, err := strconv.ParseFloat(s, 64)
	if err != nil || (n.Tag != "!!int" && n.Tag != "!!float") || math.IsInf(v, 0) || math.IsNaN(v) {
		d.errf(n, "lint.not_number", field, s)
		return 0, false
	}
	return v, true
}

func (d *node) boolean(n *yaml.Node, field string) (bool, bool) {
	s, ok := d.scalar(n, field)
	if !ok {
		return false, false
	}
	if n.Tag != "!!bool" {
		d.errf(n, "lint.not_boolean", field, s)
		return false, false
	}
	return s == "true" || s == "True" || s == "TRUE", true
}

func (d *node) seq(n *yaml.Node, field string) []*yaml.Node {
	if n.Kind != yaml.SequenceNode {
		d.errf(n, "lint.not_list", field)
		return nil
	}
	return n.Content
}

// text decodes a localized string: a plain string in the default language, or a map from language
// to text. Every language in langs must have a non-empty text.
func (d *node) text(n *yaml.Node, field, def string, langs []string) courses.Text {
	return d.textIn(n, field, def, langs, langs)
}

// textIn is text with the languages allowed and the languages required given apart.
func (d *node) textIn(n *yaml.Node, field, def string, langs, required []string) courses.Text {
	t := courses.Text{}
	switch n.Kind {
	case yaml.ScalarNode:
		if n.Tag == "!!null" {
			d.errf(n, "lint.empty_value", field)
			return t
		}
		t[def] = n.Value
	case yaml.MappingNode:
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, v := n.Content[i], n.Content[i+1]
			switch {
			case !slices.Contains(courses.Languages, k.Value):
				d.errf(k, "lint.text_language", field, k.Value, strings.Join(courses.Languages, ", "))
			case !slices.Contains(langs, k.Value):
				d.errf(k, "lint.text_language_unlisted", field, k.Value)
			case t[k.Value] != "":
				d.errf(k, "lint.text_language_twice", field, k.Value)
			case v.Kind != yaml.ScalarNode || v.Tag == "!!null":
				d.errf(v, "lint.text_not_text", field, k.Value)
			default:
				t[k.Value] = v.Value
			}
		}
	default:
		d.errf(n, "lint.text_shape", field)
		return t
	}
	for _, l := range required {
		if strings.TrimSpace(t[l]) == "" {
			d.softf(n, "lint.text_missing", field, l, l)
		}
	}
	return t
}

// closest returns the allowed key within edit distance 2 of key, if any.
func closest(key string, allowed []string) string {
	best, bestD := "", 3
	for _, a := range allowed {
		if dd := distance(key, a); dd < bestD {
			best, bestD = a, dd
		}
	}
	return best
}

// distance is the Levenshtein distance between a and b.
func distance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

// describe is a short form of a value for messages.
func describe(n *yaml.Node) string { return fmt.Sprintf("%q", n.Value) }
