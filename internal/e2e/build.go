package e2e

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"time"
)

// The programs are built once and shared by every test process of a `go test ./...` run (and by
// later runs) through a cache under os.TempDir()/aula-e2e. An entry's name is a hash of
// everything the build reads: the Go toolchain and build environment, go.mod and go.sum, and the
// contents of every file (Go, cgo, assembly, embedded) of every package of this module that the
// two programs import, as `go list -deps` reports them. Editing any of those files changes the
// key, so a stale binary is never used; editing a _test.go file does not (it is not in a binary).

// cacheKeep is how long an unused cache entry is kept before a build removes it.
const cacheKeep = 2 * time.Hour

// programs maps each program's package to its binary's name.
var programs = []struct{ pkg, bin string }{{"./server", "aula-server"}, {"./client-node", "aula-node"}}

// buildCached returns the folder holding aula-server and aula-node built from the current sources,
// building them first if no cache entry matches.
func buildCached() (string, error) {
	key, err := sourceKey(Root())
	if err != nil {
		return "", err
	}
	cache := filepath.Join(os.TempDir(), "aula-e2e")
	if err := os.MkdirAll(cache, 0o755); err != nil {
		return "", err
	}
	dir := filepath.Join(cache, key)
	if done(dir) {
		now := time.Now()
		_ = os.Chtimes(dir, now, now) // in use: keep it
		return dir, nil
	}
	unlock, err := lockDir(cache)
	if err != nil {
		return "", err
	}
	defer unlock()
	if done(dir) { // another test process built it while we waited for the lock
		return dir, nil
	}
	tmp, err := os.MkdirTemp(cache, "build-")
	if err != nil {
		return "", err
	}
	defer os.RemoveAll(tmp)
	for _, p := range programs {
		cmd := exec.Command("go", "build", "-o", filepath.Join(tmp, p.bin), p.pkg)
		cmd.Dir = Root()
		if b, err := cmd.CombinedOutput(); err != nil {
			return "", fmt.Errorf("build %s: %v\n%s", p.pkg, err, b)
		}
	}
	if err := os.WriteFile(filepath.Join(tmp, "done"), []byte(key), 0o644); err != nil {
		return "", err
	}
	if err := os.Rename(tmp, dir); err != nil && !done(dir) {
		return "", err
	}
	evict(cache, key)
	return dir, nil
}

// done reports whether a cache entry is complete (the marker is written after both binaries).
func done(dir string) bool {
	_, err := os.Stat(filepath.Join(dir, "done"))
	return err == nil
}

// evict removes the cache entries no test process used for cacheKeep (old sources).
func evict(root, keep string) {
	entries, _ := os.ReadDir(root)
	for _, e := range entries {
		info, err := e.Info()
		if err != nil || !e.IsDir() || e.Name() == keep || time.Since(info.ModTime()) < cacheKeep {
			continue
		}
		_ = os.RemoveAll(filepath.Join(root, e.Name()))
	}
}

// listedPackage is what sourceKey reads of `go list -deps -json`.
type listedPackage struct {
	ImportPath, Dir string
	Standard        bool
	Module          *struct {
		Path, Version string
		Replace       *struct{ Path, Version string }
	}
	GoFiles, CgoFiles, CFiles, HFiles, SFiles, SysoFiles, EmbedFiles []string
}

// sourceKey hashes every input of the two programs' builds from the module at root.
func sourceKey(root string) (string, error) {
	h := sha256.New()
	env := exec.Command("go", "env", "GOVERSION", "GOOS", "GOARCH", "GOFLAGS", "CGO_ENABLED", "GOEXPERIMENT", "GOAMD64", "GOARM", "GOARM64", "CC", "GOROOT", "GOWORK")
	env.Dir = root
	out, err := env.Output()
	if err != nil {
		return "", fmt.Errorf("go env: %v", err)
	}
	fmt.Fprintf(h, "env\n%s\nroot %s\n", out, root)
	for _, f := range []string{"go.mod", "go.sum"} {
		if err := hashFile(h, filepath.Join(root, f)); err != nil {
			return "", err
		}
	}
	args := []string{"list", "-deps", "-json=ImportPath,Dir,Standard,Module,GoFiles,CgoFiles,CFiles,HFiles,SFiles,SysoFiles,EmbedFiles"}
	for _, p := range programs {
		args = append(args, p.pkg)
	}
	list := exec.Command("go", args...)
	list.Dir = root
	var stderr bytes.Buffer
	list.Stderr = &stderr
	out, err = list.Output()
	if err != nil {
		return "", fmt.Errorf("go list: %v\n%s", err, stderr.String())
	}
	dec := json.NewDecoder(bytes.NewReader(out))
	for {
		var p listedPackage
		if err := dec.Decode(&p); err == io.EOF {
			break
		} else if err != nil {
			return "", err
		}
		fmt.Fprintf(h, "package %s\n", p.ImportPath)
		if p.Standard {
			continue // part of GOROOT and GOVERSION, hashed above
		}
		if m := p.Module; m != nil && m.Version != "" && (m.Replace == nil || m.Replace.Version != "") {
			fmt.Fprintf(h, "module %s@%s\n", m.Path, m.Version) // a fixed version, checked against go.sum
			if m.Replace != nil {
				fmt.Fprintf(h, "replace %s@%s\n", m.Replace.Path, m.Replace.Version)
			}
			continue
		}
		// This module's packages (and any replaced by a local folder): hash the files themselves.
		for _, files := range [][]string{p.GoFiles, p.CgoFiles, p.CFiles, p.HFiles, p.SFiles, p.SysoFiles, p.EmbedFiles} {
			for _, f := range files {
				fmt.Fprintf(h, "file %s\n", f)
				if err := hashFile(h, filepath.Join(p.Dir, f)); err != nil {
					return "", err
				}
			}
		}
	}
	return hex.EncodeToString(h.Sum(nil))[:32], nil
}

// hashFile writes a file's length and contents to h.
func hashFile(h io.Writer, path string) error {
	b, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	fmt.Fprintf(h, "%d\n", len(b))
	_, err = h.Write(b)
	return err
}
