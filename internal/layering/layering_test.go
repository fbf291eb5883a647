package layering

import (
	"encoding/json"
	"io"
	"os/exec"
	"slices"
	"strings"
	"testing"
)

// homes lists, for each third-party module, the only packages that may import it (tests aside).
// A new library gets one home here and in docs/layout.md.
var homes = map[string][]string{
	"github.com/labstack/echo/v4":            {"aula/server/internal/web", "aula/client-node/internal/web", "aula/internal/webedge"},
	"golang.org/x/time":                      {"aula/server/internal/web", "aula/client-node/internal/web"}, // echo's rate limiter
	"github.com/go-playground/validator/v10": {"aula/server/internal/web", "aula/client-node/internal/web"},
	"github.com/xuri/excelize/v2":            {"aula/server/internal/web"}, // XLSX exports (tabular.go)
	"modernc.org/sqlite":                     {"aula/internal/sqlitedb"},
	"github.com/golang-jwt/jwt/v5":           {"aula/sync/auth"},
	"golang.org/x/crypto":                    {"aula/sync/auth"},
	"github.com/jung-kurt/gofpdf":            {"aula/courses/certpdf"},
	"github.com/skip2/go-qrcode":             {"aula/courses/certpdf"},
	"golang.org/x/image":                     {"aula/courses/certpdf"},       // the embedded Go font
	"golang.org/x/text":                      {"aula/server/internal/store"}, // store.Fold: searches without accents
	"github.com/yuin/goldmark":               {"aula/courses/markdown"},
	"go.yaml.in/yaml/v3":                     {"aula/courses/coursepkg"},
	"github.com/prometheus/client_golang":    {"aula/internal/metrics"},
	"github.com/chromedp/chromedp":           {"aula/internal/browsertest"},
}

type pkg struct {
	ImportPath string
	Standard   bool
	Imports    []string
	Deps       []string
}

// list runs go list over the module's packages (not their tests).
func list(t *testing.T, args ...string) []pkg {
	t.Helper()
	cmd := exec.Command("go", append([]string{"list", "-json=ImportPath,Standard,Imports,Deps"}, args...)...)
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Skipf("no go command: %v", err)
	}
	var pkgs []pkg
	dec := json.NewDecoder(out)
	for {
		var p pkg
		if err := dec.Decode(&p); err == io.EOF {
			break
		} else if err != nil {
			t.Fatal(err)
		}
		pkgs = append(pkgs, p)
	}
	if err := cmd.Wait(); err != nil {
		t.Fatal(err)
	}
	return pkgs
}

func module(path string) string {
	for m := range homes {
		if path == m || strings.HasPrefix(path, m+"/") {
			return m
		}
	}
	return ""
}

func TestEachLibraryHasOneHome(t *testing.T) {
	for _, p := range list(t, "aula/...") {
		for _, imp := range p.Imports {
			if strings.HasPrefix(imp, "aula/") || !strings.Contains(strings.SplitN(imp, "/", 2)[0], ".") {
				continue // ours, or the standard library
			}
			m := module(imp)
			if m == "" {
				t.Errorf("%s imports %s, which has no home: choose one and list it in homes and docs/layout.md", p.ImportPath, imp)
			} else if !slices.Contains(homes[m], p.ImportPath) {
				t.Errorf("%s imports %s; only %s may", p.ImportPath, imp, strings.Join(homes[m], " and "))
			}
		}
	}
}

func TestCoursesStandsAlone(t *testing.T) {
	for _, p := range list(t, "-deps", "aula/courses") {
		if !p.Standard && p.ImportPath != "aula/courses" && !strings.HasPrefix(p.ImportPath, "aula/courses/") {
			t.Errorf("package courses depends on %s: it may use only the standard library and courses/...", p.ImportPath)
		}
	}
	for _, p := range list(t, "aula/courses/...") {
		for _, imp := range p.Imports {
			if strings.HasPrefix(imp, "aula/") && !strings.HasPrefix(imp, "aula/courses") {
				t.Errorf("%s imports %s: nothing under courses/ imports an app, sync or internal/", p.ImportPath, imp)
			}
		}
	}
}
