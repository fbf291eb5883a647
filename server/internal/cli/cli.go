// Package cli is aula-server's command line: it parses commands and flags and calls the app.
package cli

import (
	"fmt"
	"io"
	"os"
	"strings"

	"aula/courses/coursepkg"
)

// usage is printed for help and for unknown commands.
const usage = `aula-server: Aula's central course server

Commands:
  aula-server course lint PATH...   check course folders; every problem as FILE:LINE: message

Run a command with -h for its flags.
`

// Run runs the command in args and returns the process exit code.
func Run(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return 2
	}
	switch strings.Join(args[:min(2, len(args))], " ") {
	case "course lint":
		return courseLint(args[2:], stdout, stderr)
	}
	switch args[0] {
	case "-h", "--help", "help":
		fmt.Fprint(stdout, usage)
		return 0
	}
	fmt.Fprintf(stderr, "aula-server: unknown command %q\n\n%s", strings.Join(args, " "), usage)
	return 2
}

// courseLint checks each course folder and prints every problem. It exits 1 when any folder has
// a problem, 2 when no folder was given.
func courseLint(paths []string, stdout, stderr io.Writer) int {
	if len(paths) == 0 {
		fmt.Fprintln(stderr, "usage: aula-server course lint PATH...")
		return 2
	}
	bad := 0
	for _, p := range paths {
		info, err := os.Stat(p)
		if err != nil || !info.IsDir() {
			fmt.Fprintf(stdout, "%s:1: not a course folder\n", p)
			bad++
			continue
		}
		pkg, problems := coursepkg.Read(os.DirFS(p), p)
		for _, pr := range problems {
			fmt.Fprintln(stdout, pr.String())
		}
		if len(problems) > 0 {
			bad++
			continue
		}
		c := pkg.Course
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
	return 0
}
