package service

import (
	"archive/zip"
	"bytes"
	"context"
	"io/fs"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"aula/courses"
	"aula/courses/coursepkg"
	"aula/courses/itemcheck"
	"aula/server/internal/store"
)

// Course drafts (issue 17): a draft is a course folder written in the browser, file by file.
// Staff create one from the latest published version of a course (or as a minimal new course),
// edit its files with a version check on every save, lint it, submit it for review, and another
// staff member approves it (publishing version base+1, signed as any publish) or returns it with
// comments. The files stay the source of truth: a draft goes out and comes in as a zip that
// `course lint` and `course publish` accept. Every step is audited by the store in the same
// transaction. The JSON API calls these functions today; the studio's pages will call the same.

// DraftStore is what drafts need from the store.
type DraftStore interface {
	CreateDraft(ctx context.Context, d *store.Draft, files map[string][]byte, actor, detail string) error
	FindDraft(ctx context.Context, id string) (*store.Draft, error)
	ListDrafts(ctx context.Context, f store.DraftFilter) ([]store.Draft, error)
	DraftFile(ctx context.Context, id, path string) ([]byte, int64, error)
	DraftFiles(ctx context.Context, id string) (map[string][]byte, int64, error)
	WriteDraftFiles(ctx context.Context, id string, draftRevision int64, changes []store.FileChange, actor, action, detail string) (int64, error)
	SubmitDraft(ctx context.Context, id string, draftRevision int64, actor string) error
	ReturnDraft(ctx context.Context, id, actor string, comments []store.DraftComment) error
	ApproveDraft(ctx context.Context, id, actor string, v *store.NewVersion) error
	DraftComments(ctx context.Context, id string) ([]store.DraftComment, error)
	FindVersion(ctx context.Context, courseID string, version int) (*store.Version, error)
	VersionFiles(ctx context.Context, versionID int64) (map[string][]byte, error)
}

// CreateDraft starts a draft of courseID: a copy of its latest published version's files, or,
// for a course never published, a minimal course titled title in Spanish and English that lints
// clean. Either way course.yaml already carries the version the draft will publish (base + 1).
func (c *Center) CreateDraft(ctx context.Context, courseID, title, actor string) (*store.Draft, error) {
	courseID = strings.TrimSpace(courseID)
	if !courses.ValidCourseID(courseID) {
		return nil, courses.InvalidFields(map[string]courses.Msg{"course_id": courses.M("draft.bad_course_id", courseID)})
	}
	base, files, err := c.latestFiles(ctx, courseID)
	if err != nil {
		return nil, err
	}
	detail := "from v" + strconv.Itoa(base)
	if base == 0 {
		title = strings.TrimSpace(title)
		if title == "" {
			return nil, courses.InvalidFields(map[string]courses.Msg{"title": courses.M("draft.title_required")})
		}
		if msg := courses.TextProblem(title); msg != "" {
			return nil, courses.InvalidFields(map[string]courses.Msg{"title": courses.M(msg)})
		}
		files, detail = newCourseFiles(courseID, title), "new course"
	}
	files["course.yaml"] = setVersion(files["course.yaml"], base+1)
	d := &store.Draft{ID: courses.NewID(), CourseID: courseID, BaseVersion: base}
	return d, c.Store.CreateDraft(ctx, d, files, actor, detail)
}

// latestFiles returns the latest published version of a course and its files (0 and none when
// it was never published).
func (c *Center) latestFiles(ctx context.Context, courseID string) (int, map[string][]byte, error) {
	versions, err := c.Store.ListVersions(ctx, courseID)
	if err != nil || len(versions) == 0 {
		return 0, map[string][]byte{}, err
	}
	files, err := c.Store.VersionFiles(ctx, versions[0].ID)
	return versions[0].Version, files, err
}

// versionLine is course.yaml's top-level version field, written as the format shows it.
var versionLine = regexp.MustCompile(`(?m)^version:[ \t]*(\d+)[ \t]*(#.*)?$`)

// idLine is course.yaml's top-level id field.
var idLine = regexp.MustCompile(`(?m)^id:[ \t]*["']?([a-z0-9-]+)["']?[ \t]*(#.*)?$`)

// setVersion rewrites course.yaml's version line (a file without one is left for the linter).
func setVersion(courseYAML []byte, v int) []byte {
	return versionLine.ReplaceAll(courseYAML, []byte("version: "+strconv.Itoa(v)))
}

// Draft returns a draft with the list of its files.
func (c *Center) Draft(ctx context.Context, id string) (*store.Draft, error) {
	return c.Store.FindDraft(ctx, id)
}

// Drafts lists drafts by status (editing, review, approved; "" for editing and review), course
// and author.
func (c *Center) Drafts(ctx context.Context, f store.DraftFilter) ([]store.Draft, error) {
	if f.Status != "" && !slices.Contains([]string{store.DraftEditing, store.DraftReview, store.DraftApproved}, f.Status) {
		return nil, courses.InvalidFields(map[string]courses.Msg{"status": courses.M("draft.bad_status", f.Status)})
	}
	return c.Store.ListDrafts(ctx, f)
}

// DraftComments returns what reviewers wrote when returning a draft, oldest first.
func (c *Center) DraftComments(ctx context.Context, id string) ([]store.DraftComment, error) {
	if _, err := c.Store.FindDraft(ctx, id); err != nil {
		return nil, err
	}
	return c.Store.DraftComments(ctx, id)
}

// DraftZip returns the draft's files as a zip of one folder named after the course, which
// `course lint` and `course publish` (and ImportDraftZip) accept, and the zip's file name.
func (c *Center) DraftZip(ctx context.Context, id string) ([]byte, string, error) {
	d, err := c.Store.FindDraft(ctx, id)
	if err != nil {
		return nil, "", err
	}
	files, _, err := c.Store.DraftFiles(ctx, id)
	if err != nil {
		return nil, "", err
	}
	data, err := zipFolder(d.CourseID, files)
	return data, d.CourseID + "-v" + strconv.Itoa(d.BaseVersion+1) + ".zip", err
}

// zipFolder writes files under folder top, in path order (the same draft gives the same zip).
func zipFolder(top string, files map[string][]byte) ([]byte, error) {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	paths := make([]string, 0, len(files))
	for p := range files {
		paths = append(paths, p)
	}
	slices.Sort(paths)
	for _, p := range paths {
		w, err := zw.Create(top + "/" + p)
		if err != nil {
			return nil, err
		}
		if _, err := w.Write(files[p]); err != nil {
			return nil, err
		}
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// ImportDraftZip starts a draft from an uploaded course zip (a course folder, at the root or in
// one top folder). Every file must have a place in the course format and pass the checks a save
// makes (SVGs are cleaned); the course id is read from course.yaml, and the draft is based on
// that course's latest published version (its version line is set to the next one).
func (c *Center) ImportDraftZip(ctx context.Context, data []byte, actor string) (*store.Draft, error) {
	fsys, err := CourseZip(data)
	if err != nil {
		return nil, err
	}
	files := map[string][]byte{}
	err = fs.WalkDir(fsys, ".", func(p string, de fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if strings.HasPrefix(de.Name(), ".") && p != "." {
			if de.IsDir() {
				return fs.SkipDir
			}
			return nil // editor and OS litter, as the linter ignores it
		}
		if de.IsDir() {
			return nil
		}
		body, err := fs.ReadFile(fsys, p)
		if err != nil {
			return err
		}
		clean, err := checkFile(p, body)
		if err != nil {
			return err
		}
		files[p] = clean
		return nil
	})
	if err != nil {
		return nil, err
	}
	m := idLine.FindSubmatch(files["course.yaml"])
	if m == nil || !courses.ValidCourseID(string(m[1])) {
		return nil, courses.E(courses.Invalid, "draft.zip_no_id")
	}
	courseID := string(m[1])
	base, _, err := c.latestFiles(ctx, courseID)
	if err != nil {
		return nil, err
	}
	files["course.yaml"] = setVersion(files["course.yaml"], base+1)
	d := &store.Draft{ID: courses.NewID(), CourseID: courseID, BaseVersion: base}
	return d, c.Store.CreateDraft(ctx, d, files, actor, "from a zip, based on v"+strconv.Itoa(base))
}

// LintProblem is one problem of a draft, as the API and the editor show it. Every problem
// carries a message id and its arguments, which the caller translates; Message is the linter's
// English (as `course lint --lang en` prints it), or the id of an item-writing warning.
type LintProblem struct {
	File     string `json:"file"`
	Line     int    `json:"line"`
	Severity string `json:"severity"` // error or warning
	Message  string `json:"message"`
	ID       string `json:"-"` // message id, "" when Message is final
	Args     []any  `json:"-"`
	Question string `json:"question,omitempty"` // the question a warning is about
	Field    string `json:"field,omitempty"`    // the field it concerns: options, prompt, draw, ...
}

// Severities of a LintProblem.
const (
	SeverityError   = "error"
	SeverityWarning = "warning"
)

// HasErrors reports whether any problem is an error (warnings never block).
func HasErrors(ps []LintProblem) bool {
	return slices.ContainsFunc(ps, func(p LintProblem) bool { return p.Severity == SeverityError })
}

// LintDraft checks the draft as `course lint` checks a folder, warnings included, plus what a
// draft must keep: the course id it was started for, and the version it will publish (base + 1).
func (c *Center) LintDraft(ctx context.Context, id string) ([]LintProblem, error) {
	d, files, _, err := c.draftWithFiles(ctx, id)
	if err != nil {
		return nil, err
	}
	ps, _, err := c.lint(ctx, d, files)
	return ps, err
}

// draftWithFiles returns a draft, its files and the draft revision they belong to.
func (c *Center) draftWithFiles(ctx context.Context, id string) (*store.Draft, map[string][]byte, int64, error) {
	d, err := c.Store.FindDraft(ctx, id)
	if err != nil {
		return nil, nil, 0, err
	}
	files, rev, err := c.Store.DraftFiles(ctx, id)
	return d, files, rev, err
}

// baseVersion reads the published version a draft started from (nil for a new course).
func (c *Center) baseVersion(ctx context.Context, d *store.Draft) (*courses.Course, map[string][]byte, error) {
	if d.BaseVersion == 0 {
		return nil, map[string][]byte{}, nil
	}
	v, err := c.Store.FindVersion(ctx, d.CourseID, d.BaseVersion)
	if err != nil {
		return nil, nil, err
	}
	files, err := c.Store.VersionFiles(ctx, v.ID)
	if err != nil {
		return nil, nil, err
	}
	base, ps := coursepkg.ReadFiles(files, d.CourseID)
	if len(ps) > 0 {
		return nil, nil, ps // a published version no longer reads: an operator's problem
	}
	return base.Course, files, nil
}

// lint lints a draft's files; the package comes back when it has no errors.
func (c *Center) lint(ctx context.Context, d *store.Draft, files map[string][]byte) ([]LintProblem, *coursepkg.Package, error) {
	pkg, problems := coursepkg.ReadFiles(files, "")
	out := make([]LintProblem, 0, len(problems))
	for _, p := range problems {
		out = append(out, LintProblem{File: p.File, Line: p.Line, Severity: SeverityError, Message: p.Message, ID: p.ID, Args: p.Args})
	}
	cy := files["course.yaml"]
	if m := idLine.FindSubmatchIndex(cy); m != nil && string(cy[m[2]:m[3]]) != d.CourseID {
		out = append(out, LintProblem{File: "course.yaml", Line: lineAt(cy, m[0]), Severity: SeverityError,
			Message: "this draft is of course " + strconv.Quote(d.CourseID) + ": keep its id (start a new draft for another course)",
			ID:      "draft.keep_id", Args: []any{d.CourseID}})
	}
	want := strconv.Itoa(d.BaseVersion + 1)
	if m := versionLine.FindSubmatchIndex(cy); m != nil && string(cy[m[2]:m[3]]) != want {
		out = append(out, LintProblem{File: "course.yaml", Line: lineAt(cy, m[0]), Severity: SeverityError,
			Message: "this draft publishes version " + want + " (the published version is " + strconv.Itoa(d.BaseVersion) + "): write version: " + want,
			ID:      "draft.keep_version", Args: []any{want, d.BaseVersion}})
	}
	if pkg != nil && pkg.Course.Quiz != nil {
		prev, _, err := c.baseVersion(ctx, d)
		if err != nil {
			return nil, nil, err
		}
		out = append(out, itemWarnings(pkg, prev)...)
	}
	slices.SortStableFunc(out, func(a, b LintProblem) int {
		if a.File != b.File {
			return strings.Compare(a.File, b.File)
		}
		return a.Line - b.Line
	})
	if HasErrors(out) {
		pkg = nil
	}
	return out, pkg, nil
}

// lineAt returns the 1-based line of byte offset off.
func lineAt(data []byte, off int) int { return bytes.Count(data[:off], []byte("\n")) + 1 }

// itemWarnings runs the item-writing checks (courses/itemcheck, as `course lint` does) on a
// package that reads clean; prev is the base version, whose question ids must keep their meaning.
func itemWarnings(pkg *coursepkg.Package, prev *courses.Course) []LintProblem {
	cr := pkg.Course
	in := itemcheck.Input{File: "quiz.yaml", Quiz: cr.Quiz, Lines: pkg.QuizLines, Languages: cr.Languages, Language: cr.Language}
	if prev != nil && prev.Quiz != nil {
		in.Previous, in.PreviousVersion = prev.Quiz, prev.Version
	}
	var out []LintProblem
	for _, p := range itemcheck.Check(in) {
		out = append(out, LintProblem{File: p.File, Line: p.Line, Severity: SeverityWarning, Message: p.ID, ID: p.ID, Args: p.Args,
			Question: p.Question, Field: p.Field})
	}
	return out
}
