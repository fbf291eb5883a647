package i18n

import (
	"io/fs"
	"regexp"
	"sort"
	"strings"
)

var (
	templateKey = regexp.MustCompile(`\bt \$?\.Lang "([a-z0-9_.-]+)"`)
	codeKey     = regexp.MustCompile(`\bt\(c, "([a-z0-9_.-]+)"`)
	prefixKey   = regexp.MustCompile(`printf "([a-z_]+)\.%s"`)
	errorKey    = regexp.MustCompile(`courses\.(?:E\(courses\.\w+, |M\()"([a-z0-9_.-]+)"`)
	// Counted messages (N): the template function tn and the Go helper tn(c, ...).
	countedKey = regexp.MustCompile(`\btn(?: \$?\.Lang |\(c, |\(lang, )"([a-z0-9_.-]+)"`)
)

// Unknown lists the message ids that templates (*.html) and Go files (*.go, tests aside: t(c, ...),
// and the domain errors courses.E and courses.M) in fsys use but the
// catalog lacks, and the prefixes of ids built with printf ("area.%s") that have no message at
// all. Apps call it from a test so a string never reaches a page untranslated.
func (c Catalog) Unknown(fsys fs.FS) ([]string, error) {
	var out []string
	err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !(strings.HasSuffix(p, ".html") || strings.HasSuffix(p, ".go")) || strings.HasSuffix(p, "_test.go") {
			return err
		}
		data, err := fs.ReadFile(fsys, p)
		if err != nil {
			return err
		}
		for _, re := range []*regexp.Regexp{templateKey, codeKey, errorKey} {
			for _, m := range re.FindAllStringSubmatch(string(data), -1) {
				_, ok := c[m[1]]
				_, counted := c[m[1]+Other] // a counted message named by its base id
				if !ok && !counted {
					out = append(out, p+": "+m[1])
				}
			}
		}
		for _, m := range countedKey.FindAllStringSubmatch(string(data), -1) {
			for _, form := range []string{One, Other} {
				if _, ok := c[m[1]+form]; !ok {
					out = append(out, p+": "+m[1]+form)
				}
			}
		}
		for _, m := range prefixKey.FindAllStringSubmatch(string(data), -1) {
			found := false
			for id := range c {
				if strings.HasPrefix(id, m[1]+".") {
					found = true
					break
				}
			}
			if !found {
				out = append(out, p+": "+m[1]+".*")
			}
		}
		return nil
	})
	sort.Strings(out)
	return out, err
}
