// Package coursepkg reads a course package (a folder, or any fs.FS such as an uploaded zip) into a
// courses.Course and reports every problem it finds as FILE:LINE: message. It is the only
// importer of the YAML parser (go.yaml.in/yaml/v3, which reports line numbers).
package coursepkg

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
)

// Problem is one thing wrong with a course package.
type Problem struct {
	File    string // path as shown to the author, e.g. "courses/x/quiz.yaml"
	Line    int    // 1-based
	ID      string // message id (see Texts); the apps' catalogs translate it
	Args    []any  // its arguments; a courses.Msg among them is a message of its own
	Message string // the message in English
}

// Text formats the problem's message with a translator (such as a catalog's T for one language).
func (p Problem) Text(t func(id string, args ...any) string) string { return t(p.ID, p.Args...) }

// String formats the problem as FILE:LINE: message.
func (p Problem) String() string { return fmt.Sprintf("%s:%d: %s", p.File, p.Line, p.Message) }

// Problems is a list of problems; as an error it reads as one problem per line.
type Problems []Problem

// Error returns every problem, one per line.
func (ps Problems) Error() string {
	lines := make([]string, len(ps))
	for i, p := range ps {
		lines[i] = p.String()
	}
	return strings.Join(lines, "\n")
}

// sort orders problems by file, then line, keeping the order of discovery within a line.
func (ps Problems) sort() {
	slices.SortStableFunc(ps, func(a, b Problem) int {
		return cmp.Or(cmp.Compare(a.File, b.File), cmp.Compare(a.Line, b.Line))
	})
}

// collector gathers problems for one package.
type collector struct {
	prefix string // display path of the package root
	list   Problems
	lossy  int // problems whose content the reader could not keep (see soft)
}

func (c *collector) add(file string, line int, id string, args ...any) {
	c.lossy++
	c.soft(file, line, id, args...)
}

// soft records a problem that loses nothing of the file: the content was read as written and
// only breaks a rule (a missing translation, too few options). An editor may still load it.
func (c *collector) soft(file string, line int, id string, args ...any) {
	if line < 1 {
		line = 1
	}
	c.list = append(c.list, Problem{File: c.display(file), Line: line, ID: id, Args: args, Message: English(id, args...)})
}

func (c *collector) display(file string) string {
	if c.prefix == "" || c.prefix == "." {
		return file
	}
	return strings.TrimSuffix(c.prefix, "/") + "/" + file
}
