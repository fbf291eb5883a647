package coursepkg_test

import (
	"io/fs"
	"reflect"
	"strings"
	"testing"

	"aula/courses"
	"aula/courses/coursepkg"
)

// The studio's course details form writes course.yaml back: reading a starter course's details
// and writing them again gives the same course, keeps the id and version, and a changed title
// and summary read back as typed.
func TestCourseDetailsRoundTrip(t *testing.T) {
	for _, id := range []string{"uso-de-la-fuerza", "derechos-humanos-funcion-policial", "gestion-policial-basada-en-evidencia"} {
		fsys, err := courses.StarterCourse(id)
		if err != nil {
			t.Fatal(err)
		}
		files := map[string][]byte{}
		fs.WalkDir(fsys, ".", func(p string, de fs.DirEntry, _ error) error {
			if !de.IsDir() {
				files[p], _ = fs.ReadFile(fsys, p)
			}
			return nil
		})
		before, ps := coursepkg.ReadFiles(files, id)
		if len(ps) > 0 {
			t.Fatal(ps)
		}
		d, err := coursepkg.ReadCourseDetails(files["course.yaml"])
		if err != nil {
			t.Fatal(err)
		}
		out, err := coursepkg.SetCourseDetails(files["course.yaml"], d)
		if err != nil {
			t.Fatal(err)
		}
		files["course.yaml"] = out
		after, ps := coursepkg.ReadFiles(files, id)
		if len(ps) > 0 {
			t.Fatalf("%s after writing:\n%s\n%s", id, ps, out)
		}
		if !reflect.DeepEqual(before.Course, after.Course) {
			t.Errorf("%s: the course changed after a round trip through the form", id)
		}
		d.Title = courses.Text{"es": "Título nuevo: \"citas\"", "en": "New title"}
		d.Summary["en"] = ""
		out, _ = coursepkg.SetCourseDetails(files["course.yaml"], d)
		files["course.yaml"] = out
		_, ps = coursepkg.ReadFiles(files, id)
		if back, _ := coursepkg.ReadCourseDetails(out); back.Title["es"] != "Título nuevo: \"citas\"" || !strings.Contains(string(out), "version: ") {
			t.Errorf("%s: changed title not read back:\n%s", id, out)
		}
		if len(ps) == 0 || !strings.Contains(ps.Error(), "summary") {
			t.Errorf("%s: a summary without English should be named by the linter: %v", id, ps)
		}
	}
}
