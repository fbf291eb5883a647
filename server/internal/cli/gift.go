package cli

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"

	"aula/courses/coursepkg"
	"aula/courses/gift"
	"aula/courses/quizedit"
	"aula/internal/cliflags"
	"aula/server/internal/web"
	"aula/sync/auth"
)

// courseGift imports a Moodle GIFT file into DIR/quiz.yaml (created, or extended: the questions
// are appended). What cannot be converted is printed as FILE:LINE: message. It exits 0 when at
// least one question was imported (the file is written), 1 when none was (nothing is written)
// or DIR/quiz.yaml cannot be read, 2 for a usage error.
func courseGift(args []string, _ io.Reader, stdout, stderr io.Writer) int {
	f := cliflags.New("course gift", stderr)
	in := f.Str("in", "", "the GIFT file")
	out := f.Str("out", "", "the course folder whose quiz.yaml receives the questions")
	if ok, code := f.Parse(args); !ok {
		return code
	}
	if !f.Require(stderr, map[string]string{"in": *in, "out": *out}) {
		return 2
	}
	lang := cliLang()
	t := func(id string, args ...any) string { return web.Message(lang, id, args...) }
	text, err := readLimited(*in, gift.MaxSize)
	if err != nil {
		fmt.Fprintf(stdout, "%s:1: %v\n", *in, err)
		return 1
	}
	quizPath := filepath.Join(*out, "quiz.yaml")
	q := quizedit.New(80)
	if data, err := os.ReadFile(quizPath); err == nil {
		courseYAML, _ := os.ReadFile(filepath.Join(*out, "course.yaml"))
		if q, err = quizedit.ParseIn(data, coursepkg.DefaultLanguage(courseYAML)); err != nil {
			var ps coursepkg.Problems
			if errors.As(err, &ps) {
				for _, p := range ps {
					fmt.Fprintf(stdout, "%s:%d: %s\n", quizPath, p.Line, p.Text(t))
				}
			} else {
				fmt.Fprintf(stdout, "%s:1: %v\n", quizPath, err)
			}
			return 1
		}
	} else if !errors.Is(err, fs.ErrNotExist) {
		fmt.Fprintf(stdout, "%s:1: %v\n", quizPath, err)
		return 1
	}
	n, skipped := gift.Import(text, q)
	for _, s := range skipped {
		fmt.Fprintf(stdout, "%s:%d: %s\n", *in, s.Line, s.Text(t))
	}
	if n == 0 {
		fmt.Fprintln(stderr, t("cli.gift_none", *in))
		return 1
	}
	data, err := q.Marshal()
	if err == nil {
		err = os.MkdirAll(*out, 0o755)
	}
	if err == nil {
		err = auth.WriteFileAtomic(quizPath, data, 0o644)
	}
	if err != nil {
		return fail(stderr, err)
	}
	fmt.Fprintln(stderr, web.Count(lang, "cli.gift_imported", n, quizPath, len(skipped)))
	return 0
}

// readLimited reads a file of at most limit bytes.
func readLimited(path string, limit int64) ([]byte, error) {
	info, err := os.Stat(path)
	if err != nil {
		return nil, err
	}
	if info.Size() > limit {
		return nil, fmt.Errorf("%d bytes; the limit is %d", info.Size(), limit)
	}
	return os.ReadFile(path)
}
