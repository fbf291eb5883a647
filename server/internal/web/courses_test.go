package web_test

import (
	"bytes"
	"context"
	"net/http"
	"regexp"
	"strings"
	"testing"

	"aula/internal/pgtest"
)

var problemLine = regexp.MustCompile(`^[^:\s]+:\d+: .+`)

// bumpVersion returns the sample course.yaml with another version number.
func bumpVersion(t *testing.T, version string) []byte {
	t.Helper()
	return bytes.Replace(readSample(t, "course.yaml"), []byte("version: 1\n"), []byte("version: "+version+"\n"), 1)
}

// TestCoursePublishAPI: a valid zip publishes (201) and is listed; the same version again is a
// 409; lint problems, unsafe paths and non-zips are 422s that publish nothing.
func TestCoursePublishAPI(t *testing.T) {
	t.Parallel()
	pgtest.Dialects(t, func(t *testing.T) {
		e := newEnv(t)
		trainer := e.trainerToken()

		rec := e.api(http.MethodPost, "/api/v1/courses", trainer, sampleZip(t, "", nil))
		if rec.Code != http.StatusCreated {
			t.Fatalf("publish: %d %s", rec.Code, rec.Body)
		}
		var v map[string]any
		decode(t, rec, &v)
		if v["course_id"] != sampleCourse || v["version"] != 1.0 || v["published_by"] != trainerUser || v["area"] != "other" || v["hours"] != 1.0 {
			t.Errorf("published version: %s", rec.Body)
		}
		if rec := e.api(http.MethodGet, "/api/v1/courses", trainer, nil); !strings.Contains(rec.Body.String(), `"course_id":"curso-de-prueba","version":1`) {
			t.Errorf("the version is not listed: %s", rec.Body)
		}

		rec = e.api(http.MethodPost, "/api/v1/courses", trainer, sampleZip(t, "", nil))
		if rec.Code != http.StatusConflict {
			t.Errorf("same version again: %d, want 409 (%s)", rec.Code, rec.Body)
		}
		if msg, _ := jsonError(t, rec); !strings.Contains(msg, "versión 1") {
			t.Errorf("conflict message: %q", msg)
		}

		// A zip of the folder itself (one top folder) works too.
		if rec := e.api(http.MethodPost, "/api/v1/courses", trainer, sampleZip(t, "sample", map[string][]byte{"course.yaml": bumpVersion(t, "2")})); rec.Code != http.StatusCreated {
			t.Errorf("zip with a top folder: %d %s", rec.Code, rec.Body)
		}

		lint := []struct {
			name string
			zip  []byte
			want []string // substrings of the problems
		}{
			{"typo in quiz.yaml", sampleZip(t, "", map[string][]byte{"course.yaml": bumpVersion(t, "3"),
				"quiz.yaml": bytes.Replace(readSample(t, "quiz.yaml"), []byte("pass_mark:"), []byte("pass_mrk:"), 1)}),
				[]string{"quiz.yaml:1: ", "pass_mrk"}},
			{"missing translation", sampleZip(t, "", map[string][]byte{"course.yaml": bumpVersion(t, "3"), "lessons/02-repaso.en.md": nil}),
				[]string{"lessons/02-repaso.md:"}},
			{"image outside the package", sampleZip(t, "", map[string][]byte{"course.yaml": bumpVersion(t, "3"),
				"lessons/02-repaso.md": append(readSample(t, "lessons/02-repaso.md"), "\n![x](../../etc/passwd)\n"...)}),
				[]string{"lessons/02-repaso.md:"}},
			{"stray file", sampleZip(t, "", map[string][]byte{"course.yaml": bumpVersion(t, "3"), "+notes.txt": []byte("hola")}),
				[]string{"notes.txt"}},
		}
		for _, tt := range lint {
			t.Run(tt.name, func(t *testing.T) {
				rec := e.api(http.MethodPost, "/api/v1/courses", trainer, tt.zip)
				if rec.Code != http.StatusUnprocessableEntity {
					t.Fatalf("status %d, want 422: %s", rec.Code, rec.Body)
				}
				var out struct {
					Error    string
					Problems []string
				}
				decode(t, rec, &out)
				if out.Error == "" || len(out.Problems) == 0 {
					t.Fatalf("no problems listed: %s", rec.Body)
				}
				for _, p := range out.Problems {
					if !problemLine.MatchString(p) {
						t.Errorf("problem not in FILE:LINE: message form: %q", p)
					}
				}
				mustContain(t, "problems", strings.Join(out.Problems, "\n"), tt.want...)
			})
		}

		bad := []struct {
			name string
			body []byte
		}{
			{"zip-slip", zipFiles(t, map[string][]byte{"course.yaml": bumpVersion(t, "3"), "../evil.txt": []byte("x")})},
			{"zip-slip inside a folder", zipFiles(t, map[string][]byte{"c/course.yaml": bumpVersion(t, "3"), "c/../../evil.txt": []byte("x")})},
			{"absolute path", zipFiles(t, map[string][]byte{"course.yaml": bumpVersion(t, "3"), "/etc/evil.txt": []byte("x")})},
			{"backslash path", zipFiles(t, map[string][]byte{"course.yaml": bumpVersion(t, "3"), `..\evil.txt`: []byte("x")})},
			{"not a zip", []byte("id: curso\nversion: 3\n")},
			{"empty body", nil},
			{"truncated zip", sampleZip(t, "", map[string][]byte{"course.yaml": bumpVersion(t, "3")})[:200]},
			{"empty zip", zipFiles(t, map[string][]byte{})},
		}
		for _, tt := range bad {
			t.Run(tt.name, func(t *testing.T) {
				rec := e.api(http.MethodPost, "/api/v1/courses", trainer, tt.body)
				if rec.Code != http.StatusUnprocessableEntity {
					t.Fatalf("status %d, want 422: %s", rec.Code, rec.Body)
				}
				if !strings.Contains(rec.Body.String(), `"error"`) {
					t.Errorf("no error message: %s", rec.Body)
				}
			})
		}

		var list []map[string]any
		decode(t, e.api(http.MethodGet, "/api/v1/courses", trainer, nil), &list)
		if len(list) != 2 {
			t.Errorf("versions after the failed uploads: %d, want 2", len(list))
		}
	})
}

// TestCourseBlobsShared: a version that changes one lesson stores only the changed files; the
// shared image is stored once.
func TestCourseBlobsShared(t *testing.T) {
	t.Parallel()
	pgtest.Dialects(t, func(t *testing.T) {
		e := newEnv(t)
		admin := e.adminToken()
		e.publishSample(admin)
		count1, size1, err := e.store.BlobStats(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		if count1 != 7 {
			t.Errorf("blobs after v1: %d, want 7 (every file of the sample)", count1)
		}

		course2 := bumpVersion(t, "2")
		lesson2 := bytes.Replace(readSample(t, "lessons/02-repaso.md"), []byte("Más información"), []byte("Más detalles"), 1)
		rec := e.api(http.MethodPost, "/api/v1/courses", admin, sampleZip(t, "", map[string][]byte{"course.yaml": course2, "lessons/02-repaso.md": lesson2}))
		if rec.Code != http.StatusCreated {
			t.Fatalf("publish v2: %d %s", rec.Code, rec.Body)
		}
		count2, size2, err := e.store.BlobStats(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		if count2 != count1+2 || size2 != size1+int64(len(course2)+len(lesson2)) {
			t.Errorf("blobs after v2: %d (%d bytes), want %d (%d bytes): only course.yaml and the changed lesson are new",
				count2, size2, count1+2, size1+int64(len(course2)+len(lesson2)))
		}

		// Both versions read back whole, each with its own lesson.
		for version, want := range map[string]string{"1": "Más información", "2": "Más detalles"} {
			v, err := e.store.FindVersion(context.Background(), sampleCourse, map[string]int{"1": 1, "2": 2}[version])
			if err != nil {
				t.Fatal(err)
			}
			files, err := e.store.VersionFiles(context.Background(), v.ID)
			if err != nil {
				t.Fatal(err)
			}
			if len(files) != 7 || !bytes.Contains(files["lessons/02-repaso.md"], []byte(want)) || !bytes.Equal(files["media/esquema.svg"], readSample(t, "media/esquema.svg")) {
				t.Errorf("v%s files: %d, lesson %q", version, len(files), files["lessons/02-repaso.md"])
			}
		}
	})
}
