package cli

import (
	"fmt"
	"io"
	"os"
	"strings"

	"aula/courses"
	"aula/courses/coursepkg"
	"aula/courses/itemcheck"
	"aula/server/internal/web"
)

const lintUsage = "usage: aula-server course lint [--strict] [--previous DIR] PATH..."

// courseLint checks each course folder and prints every problem as FILE:LINE: message, then the
// item-writing warnings of the folders without problems as FILE:LINE: warning: message. It exits
// 1 when any folder has a problem (or, with --strict, a warning), 2 for a usage error.
// --previous names the folder of the last published version, to warn about question ids
// reused with another meaning.
func courseLint(args []string, stdout, stderr io.Writer) int {
	var paths []string
	strict, previous := false, ""
	for i := 0; i < len(args); i++ {
		switch a := args[i]; {
		case a == "--strict" || a == "-strict":
			strict = true
		case a == "--previous" || a == "-previous":
			if i+1 == len(args) {
				fmt.Fprintln(stderr, lintUsage)
				return 2
			}
			i++
			previous = args[i]
		case strings.HasPrefix(a, "--previous="):
			previous = strings.TrimPrefix(a, "--previous=")
		case a == "-h" || a == "--help" || (strings.HasPrefix(a, "-") && len(a) > 1):
			fmt.Fprintln(stderr, lintUsage)
			return 2
		default:
			paths = append(paths, a)
		}
	}
	if len(paths) == 0 {
		fmt.Fprintln(stderr, lintUsage)
		return 2
	}
	var prev *courses.Course
	if previous != "" {
		pkg, problems := coursepkg.Read(os.DirFS(previous), previous)
		if len(problems) > 0 {
			printProblems(stdout, cliLang(), problems)
			return 1
		}
		prev = pkg.Course
	}
	lang := cliLang()
	bad, warned := 0, 0
	for _, p := range paths {
		info, err := os.Stat(p)
		if err != nil || !info.IsDir() {
			fmt.Fprintf(stdout, "%s:1: not a course folder\n", p)
			bad++
			continue
		}
		pkg, problems := coursepkg.Read(os.DirFS(p), p)
		printProblems(stdout, lang, problems)
		if len(problems) > 0 {
			bad++
			continue
		}
		c := pkg.Course
		warnings := lintWarnings(p, pkg, prev)
		for _, w := range warnings {
			fmt.Fprintf(stdout, "%s:%d: %s: %s\n", w.File, w.Line, w.Severity,
				w.Text(func(id string, args ...any) string { return web.Message(lang, id, args...) }))
		}
		if len(warnings) > 0 {
			warned++
			fmt.Fprintln(stderr, web.Count(lang, "cli.lint_warnings", len(warnings), p))
		}
		questions := 0
		if c.Quiz != nil {
			questions = len(c.Quiz.Questions)
		}
		fmt.Fprintf(stderr, "%s: ok (%s v%d, %d lessons, %d questions, languages %s)\n",
			p, c.ID, c.Version, len(c.Lessons), questions, strings.Join(c.Languages, ","))
	}
	if bad > 0 {
		fmt.Fprintf(stderr, "%d of %d course folders have problems\n", bad, len(paths))
		return 1
	}
	if strict && warned > 0 {
		fmt.Fprintf(stderr, "--strict: %d of %d course folders have warnings\n", warned, len(paths))
		return 1
	}
	return 0
}

// lintWarnings runs the item-writing checks on a course read without problems; prev is the
// previous published version of the same course, if known.
func lintWarnings(dir string, pkg *coursepkg.Package, prev *courses.Course) []itemcheck.Problem {
	c := pkg.Course
	if c.Quiz == nil {
		return nil
	}
	in := itemcheck.Input{File: strings.TrimSuffix(dir, "/") + "/quiz.yaml", Quiz: c.Quiz, Lines: pkg.QuizLines,
		Languages: c.Languages, Language: c.Language}
	if prev != nil && prev.ID == c.ID && prev.Quiz != nil {
		in.Previous, in.PreviousVersion = prev.Quiz, prev.Version
	}
	return itemcheck.Check(in)
}

// printProblems prints each problem as FILE:LINE: message, the message in lang.
func printProblems(w io.Writer, lang string, problems coursepkg.Problems) {
	tr := func(id string, args ...any) string { return web.Message(lang, id, args...) }
	for _, p := range problems {
		fmt.Fprintf(w, "%s:%d: %s\n", p.File, p.Line, p.Text(tr))
	}
}
