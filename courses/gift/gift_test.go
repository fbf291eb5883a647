package gift

import (
	"flag"
	"fmt"
	"os"
	"strings"
	"testing"

	"aula/courses"
	"aula/courses/quizedit"
)

var update = flag.Bool("update", false, "rewrite golden files")

func english(id string, args ...any) string { return id + fmt.Sprint(args...) }

// TestImportAll: the documentation's examples of every type, escapes, formats, categories and
// comments import as expected (golden quiz.yaml), the rest is listed by line.
func TestImportAll(t *testing.T) {
	src, err := os.ReadFile("testdata/all.gift")
	if err != nil {
		t.Fatal(err)
	}
	q := quizedit.New(70)
	n, skipped := Import(src, q)
	out, err := q.Marshal()
	if err != nil {
		t.Fatal(err)
	}
	var got strings.Builder
	got.Write(out)
	fmt.Fprintf(&got, "# imported: %d\n", n)
	for _, s := range skipped {
		fmt.Fprintf(&got, "# skipped line %d: %s %v\n", s.Line, s.ID, s.Args)
	}
	golden := "testdata/all.golden"
	if *update {
		if err := os.WriteFile(golden, []byte(got.String()), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, _ := os.ReadFile(golden)
	if got.String() != string(want) {
		t.Errorf("import differs from %s (go test -update to accept):\n%s", golden, got.String())
	}
	if _, err := quizedit.Parse(out); err != nil {
		t.Errorf("the written quiz does not read back: %v", err)
	}
	types := map[string]bool{}
	for _, x := range q.Questions {
		types[x.Type] = true
		if x.Prompt["en"] != "" || x.Prompt["es"] == "" {
			t.Errorf("%s: the text goes to es, en is left missing: %v", x.ID, x.Prompt)
		}
		if is := x.Check(); len(is) > 0 {
			t.Errorf("%s: %v", x.ID, is)
		}
	}
	for _, typ := range []string{courses.Single, courses.Multiple, courses.TrueFalse, courses.Matching, courses.Short, courses.Numeric} {
		if !types[typ] {
			t.Errorf("no %s question imported", typ)
		}
	}
}

// TestEveryLineAccounted: each line of the file is blank, a comment, part of an imported
// question, or part of a block listed as skipped at its first line.
func TestEveryLineAccounted(t *testing.T) {
	src, _ := os.ReadFile("testdata/all.gift")
	lines := strings.Split(string(src), "\n")
	covered := map[int]bool{}
	for _, b := range blocks(string(src)) {
		q, notes := b.parse()
		skippedHere := false
		for _, s := range notes {
			skippedHere = skippedHere || s.Line == b.line
		}
		if q == nil && !skippedHere {
			t.Errorf("line %d: neither imported nor skipped", b.line)
		}
		for i := range lines[b.line-1:] {
			l := strings.TrimSpace(lines[b.line-1+i])
			if l == "" {
				break
			}
			covered[b.line+i] = true
		}
	}
	for i, l := range lines {
		l = strings.TrimSpace(l)
		if l != "" && !strings.HasPrefix(l, "//") && !covered[i+1] {
			t.Errorf("line %d %q is in no question", i+1, l)
		}
	}
}

func TestIDsStableAndUnique(t *testing.T) {
	q := quizedit.New(70)
	src := []byte("::Fuga sin amenaza::¿Dispara?{T}\n\n::Fuga sin amenaza::¿Y ahora?{F}\n\n¿Qué hace el funcionario ante la fuga?{=Nada ~Algo}\n")
	Import(src, q)
	var ids []string
	for _, x := range q.Questions {
		ids = append(ids, x.ID)
	}
	if got := strings.Join(ids, ","); got != "fuga-sin-amenaza,fuga-sin-amenaza-2,que-hace-el-funcionario-ante-la" {
		t.Errorf("ids %s", got)
	}
}
