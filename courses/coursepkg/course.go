package coursepkg

import (
	"slices"
	"strings"

	"aula/courses"

	"go.yaml.in/yaml/v3"
)

// readCourse parses course.yaml. It returns false when the languages are unknown, since every
// later check depends on them.
func (r *reader) readCourse() bool {
	d := &node{c: r.c, file: "course.yaml"}
	root := d.parse(r.data["course.yaml"])
	if root == nil {
		return false
	}
	f := d.fields(root, "course.yaml", "id", "version", "language", "languages", "area", "title", "summary", "hours", "certificate")
	d.require(root, "course.yaml", f, "id", "version", "language", "area", "title", "hours")
	c := r.course
	c.Certificate.Issue = courses.IssueNone

	if n := f["id"]; n != nil {
		c.ID = d.str(n, "id")
		if c.ID != "" && !courses.ValidCourseID(c.ID) {
			d.errf(n, "lint.course_id", c.ID)
		}
	}
	if n := f["version"]; n != nil {
		if v, ok := d.integer(n, "version"); ok {
			if v < 1 {
				d.errf(n, "lint.version")
			}
			c.Version = v
		}
	}
	c.Language = courses.Languages[0]
	if n := f["language"]; n != nil {
		c.Language = d.str(n, "language")
		if !slices.Contains(courses.Languages, c.Language) {
			d.errf(n, "lint.language", c.Language, strings.Join(courses.Languages, " or "))
			return false
		}
	}
	c.Languages = []string{c.Language}
	if n := f["languages"]; n != nil {
		c.Languages = nil
		for _, ln := range d.seq(n, "languages") {
			l := d.str(ln, "languages")
			switch {
			case !slices.Contains(courses.Languages, l):
				d.errf(ln, "lint.languages_unknown", l, strings.Join(courses.Languages, ", "))
			case slices.Contains(c.Languages, l):
				d.errf(ln, "lint.languages_twice", l)
			default:
				c.Languages = append(c.Languages, l)
			}
		}
		if !slices.Contains(c.Languages, c.Language) {
			d.errf(n, "lint.languages_default", c.Language)
			return false
		}
	}
	if n := f["area"]; n != nil {
		c.Area = d.str(n, "area")
		if c.Area != "" && !slices.Contains(courses.Areas, c.Area) {
			d.errf(n, "lint.area", c.Area, strings.Join(courses.Areas, ", "))
		}
	}
	if n := f["title"]; n != nil {
		c.Title = d.text(n, "title", c.Language, c.Languages)
	}
	if n := f["summary"]; n != nil {
		c.Summary = d.text(n, "summary", c.Language, c.Languages)
	}
	if n := f["hours"]; n != nil {
		if h, ok := d.number(n, "hours"); ok {
			if h <= 0 || h > 1000 {
				d.errf(n, "lint.hours")
			}
			c.Hours = h
		}
	}
	if n := f["certificate"]; n != nil {
		r.readCertificate(d, n)
	}
	return true
}

func (r *reader) readCertificate(d *node, n *yaml.Node) {
	f := d.fields(n, "certificate", "issue", "valid_months")
	d.require(n, "certificate", f, "issue")
	c := r.course
	if v := f["issue"]; v != nil {
		c.Certificate.Issue = d.str(v, "certificate.issue")
		if !slices.Contains(courses.IssuePolicies, c.Certificate.Issue) {
			d.errf(v, "lint.certificate_issue", strings.Join(courses.IssuePolicies, ", "), c.Certificate.Issue)
		}
	}
	if v := f["valid_months"]; v != nil {
		if m, ok := d.integer(v, "certificate.valid_months"); ok {
			if m < 0 || m > 240 {
				d.errf(v, "lint.valid_months")
			}
			c.Certificate.ValidMonths = m
		}
	}
}
