// Package publish turns a course folder (or an uploaded zip) into an immutable, signed,
// content-addressed course version in the center's store, and loads stored versions back.
package publish

import (
	"archive/zip"
	"bytes"
	"context"
	"crypto/ed25519"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"io/fs"
	"path"
	"strings"
	"testing/fstest"
	"time"

	"aula/courses"
	"aula/courses/coursepkg"
	"aula/server/internal/store"
	"aula/sync/protocol"
)

// Publisher publishes course versions signed with the center's key.
type Publisher struct {
	Store *store.Store
	Key   ed25519.PrivateKey
	Now   func() time.Time
}

// Publish lints the package in fsys and, when it is clean, stores it as a new version. prefix is
// how the package root is shown in problems. Problems come back as coursepkg.Problems (an error);
// a version not greater than the last comes back as a Conflict error.
func (p *Publisher) Publish(ctx context.Context, fsys fs.FS, prefix, actor string) (*store.Version, error) {
	nv, err := p.Prepare(fsys, prefix, actor)
	if err != nil {
		return nil, err
	}
	if err := p.Store.PublishVersion(ctx, nv); err != nil {
		return nil, err
	}
	return &nv.Version, nil
}

// Prepare lints the package in fsys and, when it is clean, returns it as a signed version ready
// for the store (Publish stores it at once; approving a draft stores it in the transaction that
// closes the draft). Problems come back as coursepkg.Problems.
func (p *Publisher) Prepare(fsys fs.FS, prefix, actor string) (*store.NewVersion, error) {
	pkg, problems := coursepkg.Read(fsys, prefix)
	if len(problems) > 0 {
		return nil, problems
	}
	c := pkg.Course
	nv := &store.NewVersion{Blobs: map[string][]byte{}}
	m := &protocol.Manifest{
		Format: protocol.ManifestFormat, CourseID: c.ID, Version: c.Version, Title: c.Title,
		Area: c.Area, Hours: c.Hours, PublishedAt: p.Now().UTC().Format(time.RFC3339),
	}
	for _, f := range pkg.Files {
		data, err := fs.ReadFile(fsys, f.Path)
		if err != nil {
			return nil, fmt.Errorf("read %s: %w", f.Path, err)
		}
		sum := sha256.Sum256(data)
		h := hex.EncodeToString(sum[:])
		nv.Blobs[h] = data
		nv.Files = append(nv.Files, store.VersionFile{Path: f.Path, SHA256: h, Size: int64(len(data))})
		m.Files = append(m.Files, protocol.ManifestFile{Path: f.Path, SHA256: h, Size: int64(len(data))})
	}
	data, sig, err := protocol.SignManifest(m, p.Key)
	if err != nil {
		return nil, err
	}
	nv.Version = store.Version{
		CourseID: c.ID, Version: c.Version, Title: c.Title, Area: c.Area, Hours: c.Hours,
		Manifest: data, Signature: sig, PublishedBy: actor, PublishedAt: p.Now(),
		CertIssue: c.Certificate.Issue, CertMonths: c.Certificate.ValidMonths,
	}
	return nv, nil
}

// Load reads a stored version back into a course package, verifying the manifest's signature
// and every file's hash, so a damaged store is noticed rather than served.
func Load(ctx context.Context, st *store.Store, pub ed25519.PublicKey, courseID string, version int) (*coursepkg.Package, error) {
	v, err := st.FindVersion(ctx, courseID, version)
	if err != nil {
		return nil, err
	}
	m, err := protocol.VerifyManifest(v.Manifest, v.Signature, pub)
	if err != nil {
		return nil, fmt.Errorf("course %s v%d: %w", courseID, version, err)
	}
	files, err := st.VersionFiles(ctx, v.ID)
	if err != nil {
		return nil, err
	}
	fsys := fstest.MapFS{}
	for _, f := range m.Files {
		data, ok := files[f.Path]
		sum := sha256.Sum256(data)
		if !ok || hex.EncodeToString(sum[:]) != f.SHA256 {
			return nil, fmt.Errorf("course %s v%d: stored file %s does not match its manifest hash", courseID, version, f.Path)
		}
		fsys[f.Path] = &fstest.MapFile{Data: data, Mode: 0o444}
	}
	pkg, problems := coursepkg.Read(fsys, courseID)
	if len(problems) > 0 {
		return nil, fmt.Errorf("course %s v%d no longer reads cleanly: %w", courseID, version, problems)
	}
	return pkg, nil
}

// Upload limits: a zip may not be larger than MaxZipSize, nor expand beyond the package limits.
const MaxZipSize = 20 << 20

// ZipFS opens an uploaded zip of a course folder as a file system, refusing paths that would
// escape (zip-slip), and archives that expand beyond the package limits (zip bombs). The course
// may be at the root of the zip or in a single top folder.
func ZipFS(data []byte) (fs.FS, error) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, courses.E(courses.Invalid, "zip.invalid")
	}
	if len(zr.File) > coursepkg.MaxFiles*2 {
		return nil, courses.E(courses.Invalid, "zip.too_many", len(zr.File), coursepkg.MaxFiles)
	}
	out := fstest.MapFS{}
	var total int64
	if err := zipNamesUnique(zr.File); err != nil {
		return nil, err
	}
	for _, f := range zr.File {
		name := f.Name
		if strings.Contains(name, "\\") || path.IsAbs(name) || !fs.ValidPath(strings.TrimSuffix(name, "/")) {
			return nil, courses.E(courses.Invalid, "zip.unsafe_path", name)
		}
		if f.FileInfo().IsDir() {
			continue
		}
		if f.Mode()&fs.ModeSymlink != 0 {
			return nil, courses.E(courses.Invalid, "zip.symlink", name)
		}
		rc, err := f.Open()
		if err != nil {
			return nil, courses.E(courses.Invalid, "zip.unreadable", name, err)
		}
		// Read at most the limit + 1, whatever the header claims.
		body, err := io.ReadAll(io.LimitReader(rc, coursepkg.MaxTotalSize-total+1))
		rc.Close()
		if err != nil {
			return nil, courses.E(courses.Invalid, "zip.damaged", name, err)
		}
		total += int64(len(body))
		if total > coursepkg.MaxTotalSize {
			return nil, courses.E(courses.Invalid, "zip.too_large", coursepkg.MaxTotalSize)
		}
		out[name] = &fstest.MapFile{Data: body, Mode: 0o444}
	}
	// A zip made by compressing the course folder has one top folder: use it as the root.
	if _, ok := out["course.yaml"]; !ok {
		var top string
		for name := range out {
			dir, _, _ := strings.Cut(name, "/")
			if top == "" {
				top = dir
			} else if top != dir {
				top = "-"
			}
		}
		if top != "" && top != "-" {
			sub, err := fs.Sub(out, top)
			if err == nil {
				return sub, nil
			}
		}
	}
	return out, nil
}

// zipNamesUnique refuses a zip that holds a name twice, or as both a file and a folder: zip tools
// append a changed file instead of replacing it, and which copy would be published is then not
// what the author last saw.
func zipNamesUnique(entries []*zip.File) error {
	kind := map[string]string{} // name -> "file" or "folder"
	for _, f := range entries {
		name := strings.TrimSuffix(f.Name, "/")
		k := "file"
		if f.FileInfo().IsDir() {
			k = "folder"
		}
		for dir := path.Dir(name); dir != "." && dir != "/" && dir != ""; dir = path.Dir(dir) {
			if kind[dir] == "file" {
				return courses.E(courses.Invalid, "zip.file_and_folder", dir)
			}
			kind[dir] = "folder"
		}
		if prev, seen := kind[name]; seen && (prev == "file" || k == "file") {
			return courses.E(courses.Invalid, "zip.twice", name)
		}
		kind[name] = k
	}
	return nil
}
