package e2e

import (
	"bytes"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"time"
)

// A center's data folder is prepared once, through the commands an operator types, and copied
// for every center a test starts: the four commands hash a password and two PINs with argon2id,
// which is slow on purpose. The prepared folder lives next to the binaries that made it (so a
// change to the sources makes a new one) under the hour it was made, and is made again every
// hour so that nothing in it (the station's one-time token, valid a week) grows old.

// templateKeep is how long an hourly prepared folder is kept after its hour.
const templateKeep = 3 * time.Hour

var (
	templateOnce  sync.Once
	templateDir   string // the prepared data folder
	templateToken string // its station's one-time enrollment token
	templateErr   error
)

// centerTemplate returns a prepared center data folder (station CCS-01 with two officers, the
// sample course, the admin account) and the station's enrollment token.
func centerTemplate(server string) (string, string, error) {
	templateOnce.Do(func() { templateDir, templateToken, templateErr = prepareTemplate(server) })
	return templateDir, templateToken, templateErr
}

func prepareTemplate(server string) (string, string, error) {
	bins := filepath.Dir(server)
	dir := filepath.Join(bins, "center-"+time.Now().UTC().Format("2006010215"))
	if !done(dir) {
		unlock, err := lockDir(filepath.Dir(bins))
		if err != nil {
			return "", "", err
		}
		defer unlock()
		if !done(dir) {
			if err := makeTemplate(server, dir, ""); err != nil {
				return "", "", err
			}
		}
		evictTemplates(bins, dir)
	}
	token, err := os.ReadFile(filepath.Join(dir, "token"))
	return filepath.Join(dir, "data"), string(token), err
}

// makeTemplate prepares a center data folder under dir/data through aula-server's commands, with
// its store in the PostgreSQL database at db when db is not "".
func makeTemplate(server, dir, db string) error {
	tmp, err := os.MkdirTemp(filepath.Dir(dir), "center-build-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	data := filepath.Join(tmp, "data")
	command := func(stdin, bin string, args ...string) (string, error) { return commandEnv(db, stdin, bin, args...) }
	if _, err := command("una clave larga\n", server, "user", "add", "--data", data, "--username", "admin", "--role", "admin", "--password-stdin"); err != nil {
		return err
	}
	out, err := command("", server, "station", "add", "--data", data, "--code", "CCS-01", "--name", "Caracas Centro")
	if err != nil {
		return err
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	csv := filepath.Join(tmp, "officers.csv")
	if err := os.WriteFile(csv, []byte(OfficersCSV), 0o600); err != nil {
		return err
	}
	if _, err := command("", server, "officer", "import", "--data", data, "--csv", csv); err != nil {
		return err
	}
	if _, err := command("", server, "course", "publish", "--data", data, filepath.Join(Root(), "courses", "testdata", "sample")); err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(tmp, "token"), []byte(lines[len(lines)-1]), 0o600); err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(tmp, "done"), nil, 0o644); err != nil {
		return err
	}
	if err := os.Rename(tmp, dir); err != nil && !done(dir) {
		return err
	}
	return nil
}

// evictTemplates removes the prepared folders of past hours (after templateKeep).
func evictTemplates(bins, keep string) {
	old, _ := filepath.Glob(filepath.Join(bins, "center-*"))
	for _, d := range old {
		if info, err := os.Stat(d); err == nil && d != keep && time.Since(info.ModTime()) > templateKeep {
			_ = os.RemoveAll(d)
		}
	}
}

// commandEnv runs a program to completion (with AULA_DB=db when db is not "") and returns its
// output, or an error with its output unless it exits 0.
func commandEnv(db, stdin, bin string, args ...string) (string, error) {
	cmd := exec.Command(bin, args...)
	cmd.Env = storeEnv(db)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr, cmd.Stdin = &out, &errb, strings.NewReader(stdin)
	if err := cmd.Run(); err != nil {
		return "", fmt.Errorf("%s %s: %v\n%s%s", filepath.Base(bin), strings.Join(args, " "), err, out.String(), errb.String())
	}
	return out.String(), nil
}

// copyDir copies the regular files and folders under src to dst (created), keeping their
// permissions.
func copyDir(dst, src string) error {
	return filepath.WalkDir(src, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, path)
		target := filepath.Join(dst, rel)
		info, err := d.Info()
		if err != nil {
			return err
		}
		if d.IsDir() {
			return os.MkdirAll(target, info.Mode().Perm())
		}
		if !info.Mode().IsRegular() {
			return fmt.Errorf("%s: not a regular file", path)
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		return os.WriteFile(target, b, info.Mode().Perm())
	})
}
