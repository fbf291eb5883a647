package quizedit

import (
	"bytes"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"aula/courses/coursepkg"
)

// readDir loads a course folder into memory.
func readDir(t testing.TB, dir string) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		b, err := os.ReadFile(p)
		files[filepath.ToSlash(rel)] = b
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// TestRoundTripStarterCourses: each starter course's quiz.yaml read into the editor model and
// written back reads as the very same course (only the formatting may change), and writing it
// again gives the same bytes (the layout is stable).
func TestRoundTripStarterCourses(t *testing.T) {
	dirs, _ := filepath.Glob("../catalog/*")
	dirs = append(dirs, "../testdata/sample")
	if len(dirs) < 4 {
		t.Fatalf("found %d course folders", len(dirs))
	}
	for _, dir := range dirs {
		t.Run(filepath.Base(dir), func(t *testing.T) {
			files := readDir(t, dir)
			before, problems := coursepkg.ReadFiles(files, dir)
			if len(problems) > 0 {
				t.Fatalf("the course does not lint: %v", problems)
			}
			q, err := ParseIn(files["quiz.yaml"], before.Course.Language)
			if err != nil {
				t.Fatal(err)
			}
			out, err := q.Marshal()
			if err != nil {
				t.Fatal(err)
			}
			files["quiz.yaml"] = out
			after, problems := coursepkg.ReadFiles(files, dir)
			if len(problems) > 0 {
				t.Fatalf("the written quiz.yaml does not lint: %v\n%s", problems, out)
			}
			if !reflect.DeepEqual(before.Course, after.Course) {
				t.Errorf("the course changed after YAML -> model -> YAML")
			}
			q2, err := ParseIn(out, before.Course.Language)
			if err != nil {
				t.Fatal(err)
			}
			again, _ := q2.Marshal()
			if !bytes.Equal(out, again) {
				t.Errorf("writing the quiz twice gives different files")
			}
		})
	}
}
