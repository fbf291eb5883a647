// Package npmtest installs npm packages into a test's temporary folder and runs Node scripts
// with them: independent verifiers (jose, an xAPI validator) checked against Aula's output at
// test time, never vendored. Without npm or node the test is skipped, unless CI is set, when it
// fails.
package npmtest

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// Install installs pkgs (e.g. "jose@5") into a new temporary folder and returns it.
func Install(tb testing.TB, pkgs ...string) string {
	tb.Helper()
	for _, bin := range []string{"npm", "node"} {
		if _, err := exec.LookPath(bin); err != nil {
			if os.Getenv("CI") != "" {
				tb.Fatalf("%s is needed for this test in CI: %v", bin, err)
			}
			tb.Skipf("no %s: %v", bin, err)
		}
	}
	dir := tb.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "package.json"), []byte(`{"private":true,"type":"module"}`), 0o644); err != nil {
		tb.Fatal(err)
	}
	cmd := exec.Command("npm", append([]string{"install", "--no-audit", "--no-fund", "--silent"}, pkgs...)...)
	cmd.Dir = dir
	if out, err := cmd.CombinedOutput(); err != nil {
		if os.Getenv("CI") != "" {
			tb.Fatalf("npm install %v: %v\n%s", pkgs, err, out)
		}
		tb.Skipf("npm install %v failed (offline?): %v\n%s", pkgs, err, out)
	}
	return dir
}

// Node runs script (an ES module) in dir with args and returns its standard output; the test
// fails with the script's error output when it exits non-zero.
func Node(tb testing.TB, dir, script string, args ...string) string {
	tb.Helper()
	path := filepath.Join(dir, "check.mjs")
	if err := os.WriteFile(path, []byte(script), 0o644); err != nil {
		tb.Fatal(err)
	}
	cmd := exec.Command("node", append([]string{path}, args...)...)
	cmd.Dir = dir
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	if err := cmd.Run(); err != nil {
		tb.Fatalf("node %s: %v\n%s%s", filepath.Base(path), err, out.String(), errb.String())
	}
	return out.String()
}
