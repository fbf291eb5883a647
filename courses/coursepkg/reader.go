package coursepkg

import (
	"errors"
	"io"
	"io/fs"
	"path"
	"slices"
	"strings"
	"testing/fstest"

	"aula/courses"
)

// Size limits. A course is read on old station PCs and sent over bad links: keep it small.
const (
	MaxYAMLSize   = 1 << 20   // course.yaml, quiz.yaml
	MaxLessonSize = 512 << 10 // one lesson file
	MaxMediaSize  = 5 << 20   // one media file
	MaxTotalSize  = 50 << 20  // the whole package
	MaxFiles      = 500
)

// mediaTypes are the file extensions allowed under media/.
var mediaTypes = []string{".png", ".jpg", ".jpeg", ".gif", ".webp", ".svg", ".pdf"}

// File is one file of a package.
type File struct {
	Path string // slash-separated, relative to the package root
	Size int64
}

// Package is a course read from a folder, with the list of its files.
type Package struct {
	Course *courses.Course
	Files  []File // sorted by path
	// QuizLines gives the line of each quiz setting and question in quiz.yaml (nil without a
	// quiz), so later checks can point at the field they concern.
	QuizLines *QuizLines
}

// Read reads the course package rooted at fsys. prefix is how the root is shown in problems
// (usually the path given on the command line). The course is returned only when there are no
// problems.
func Read(fsys fs.FS, prefix string) (*Package, Problems) {
	r := &reader{fsys: fsys, c: &collector{prefix: prefix}, data: map[string][]byte{}}
	r.run()
	r.c.list.sort()
	if len(r.c.list) > 0 {
		return nil, r.c.list
	}
	return &Package{Course: r.course, Files: r.files, QuizLines: r.quizLines}, nil
}

type reader struct {
	fsys   fs.FS
	c      *collector
	files  []File
	data   map[string][]byte // contents of YAML and lesson files
	course *courses.Course
	// quizLines is filled by readQuiz; quizOnly is set when quiz.yaml is read without its
	// course (ParseQuiz), so checks that need the lessons are skipped.
	quizLines *QuizLines
	quizOnly  bool
}

func (r *reader) run() {
	if !r.walk() {
		return
	}
	r.course = &courses.Course{}
	if !r.readCourse() {
		return
	}
	r.readLessons()
	r.readQuiz()
}

// walk lists every file, enforcing the layout and the size limits, and loads the text files.
func (r *reader) walk() bool {
	var total int64
	err := fs.WalkDir(r.fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			r.c.add(p, 1, "lint.unreadable", err)
			return nil
		}
		base := path.Base(p)
		if p != "." && strings.HasPrefix(base, ".") {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil // editor and OS litter (.DS_Store, .swp) is ignored, never published
		}
		if d.Type()&fs.ModeSymlink != 0 {
			r.c.add(p, 1, "lint.symlink")
			return nil
		}
		if d.IsDir() {
			if p != "." && p != "lessons" && p != "media" && !strings.HasPrefix(p, "media/") {
				r.c.add(p, 1, "lint.unexpected_folder")
				return fs.SkipDir
			}
			return nil
		}
		if !d.Type().IsRegular() {
			r.c.add(p, 1, "lint.not_regular")
			return nil
		}
		info, err := d.Info()
		if err != nil {
			r.c.add(p, 1, "lint.unreadable", err)
			return nil
		}
		limit, kind := r.classify(p)
		if kind == "" {
			return nil // classify reported it
		}
		if info.Size() > limit {
			r.c.add(p, 1, "lint.file_too_large", info.Size(), kind, limit)
			return nil
		}
		total += info.Size()
		r.files = append(r.files, File{Path: p, Size: info.Size()})
		if len(r.files) > MaxFiles {
			r.c.add(".", 1, "lint.too_many_files", MaxFiles)
			return fs.SkipAll
		}
		if kind != "media" || strings.HasSuffix(p, ".svg") {
			data, err := readLimited(r.fsys, p, limit)
			if err != nil {
				r.c.add(p, 1, readError(err), err)
				return nil
			}
			r.data[p] = data
			if strings.HasSuffix(p, ".svg") {
				r.checkSVG(p, data)
			}
		}
		return nil
	})
	if err != nil {
		r.c.add(".", 1, "lint.package_unreadable", err)
	}
	if total > MaxTotalSize {
		r.c.add(".", 1, "lint.package_too_large", total, MaxTotalSize)
	}
	slices.SortFunc(r.files, func(a, b File) int { return strings.Compare(a.Path, b.Path) })
	if r.data["course.yaml"] == nil {
		if !r.has("course.yaml") {
			r.c.add("course.yaml", 1, "lint.missing_course")
		}
		return false
	}
	return true
}

// classify returns the size limit and kind of a file, or reports it as unexpected.
func (r *reader) classify(p string) (int64, string) {
	switch {
	case p == "course.yaml" || p == "quiz.yaml":
		return MaxYAMLSize, "YAML files"
	case path.Dir(p) == "lessons" && strings.HasSuffix(p, ".md"):
		return MaxLessonSize, "lessons"
	case strings.HasPrefix(p, "media/"):
		if !slices.Contains(mediaTypes, strings.ToLower(path.Ext(p))) {
			r.c.add(p, 1, "lint.media_type", path.Ext(p), strings.Join(mediaTypes, " "))
			return 0, ""
		}
		return MaxMediaSize, "media"
	}
	r.c.add(p, 1, "lint.unexpected_file")
	return 0, ""
}

func (r *reader) has(p string) bool {
	return slices.ContainsFunc(r.files, func(f File) bool { return f.Path == p })
}

// readLimited reads a file but never more than limit bytes, whatever its stat said.
// errSizeLimit is readLimited's error for a file that grew past its limit while being read.
var errSizeLimit = errors.New("file is larger than its size limit")

// readError is the message id of an error of readLimited.
func readError(err error) string {
	if errors.Is(err, errSizeLimit) {
		return "lint.size_limit"
	}
	return "lint.read_error"
}

func readLimited(fsys fs.FS, p string, limit int64) ([]byte, error) {
	f, err := fsys.Open(p)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, limit+1))
	if err != nil {
		return nil, err
	}
	if int64(len(data)) > limit {
		return nil, errSizeLimit
	}
	return data, nil
}

// ReadFiles reads a package held in memory (path -> contents), such as a stored course version.
func ReadFiles(files map[string][]byte, prefix string) (*Package, Problems) {
	fsys := fstest.MapFS{}
	for p, data := range files {
		fsys[p] = &fstest.MapFile{Data: data, Mode: 0o444}
	}
	return Read(fsys, prefix)
}

// MediaType returns the Content-Type of a media file by its extension.
func MediaType(p string) string {
	switch strings.ToLower(path.Ext(p)) {
	case ".png":
		return "image/png"
	case ".jpg", ".jpeg":
		return "image/jpeg"
	case ".gif":
		return "image/gif"
	case ".webp":
		return "image/webp"
	case ".svg":
		return "image/svg+xml"
	case ".pdf":
		return "application/pdf"
	}
	return "application/octet-stream"
}
