package syncer

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"aula/client-node/internal/store"
	"aula/courses"
	"aula/courses/coursepkg"
	"aula/internal/e2e"
	"aula/sync/certificate"
	"aula/sync/protocol"
)

// OldNodeCommit is the commit the old-node test builds aula-node from: the last commit of the
// previous release, whose nodes the center must keep serving (docs/sync.md, "Rolling upgrades").
// Bump it at each release to the commit that release was cut from (git rev-parse HEAD on main
// when the release is tagged), so every release is tested against the one before.
// 1d63163: main before protocol version 2 (request counters landed; versions not yet negotiated).
const OldNodeCommit = "1d631630a43b822cc8151db8c25b4c56c2f50efd"

// oldNodeBinary builds aula-node from OldNodeCommit, once per machine: it is cached by commit
// under the temporary folder (/tmp/aula-oldnode-<commit>/aula-node). The test is skipped when
// the repository lacks the commit (a shallow clone).
func oldNodeBinary(t *testing.T) string {
	t.Helper()
	root := e2e.Root()
	if err := exec.Command("git", "-C", root, "cat-file", "-e", OldNodeCommit+"^{commit}").Run(); err != nil {
		t.Skipf("commit %s is not in this clone (a shallow clone?): the old-node test needs it (%v)", OldNodeCommit, err)
	}
	dir := filepath.Join(os.TempDir(), "aula-oldnode-"+OldNodeCommit)
	bin := filepath.Join(dir, "aula-node")
	if _, err := os.Stat(bin); err == nil {
		return bin
	}
	src := t.TempDir()
	tarball := filepath.Join(src, "src.tar")
	for _, cmd := range []*exec.Cmd{
		exec.Command("git", "-C", root, "archive", "--format=tar", "-o", tarball, OldNodeCommit),
		exec.Command("tar", "-xf", tarball, "-C", src),
	} {
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("%v: %v\n%s", cmd.Args, err, out)
		}
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	tmp := fmt.Sprintf("%s.%d", bin, os.Getpid()) // renamed into place: a concurrent run never sees half a binary
	build := exec.Command("go", "build", "-o", tmp, "./client-node")
	build.Dir = src
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("build aula-node at %s: %v\n%s", OldNodeCommit, err, out)
	}
	if err := os.Rename(tmp, bin); err != nil {
		t.Fatal(err)
	}
	t.Logf("built aula-node from %s into %s", OldNodeCommit, bin)
	return bin
}

// A node built from the previous release syncs both ways with this center: the course comes
// down, an attempt and its certificate made on the old node go up (once), the countersigned
// certificate comes down, and a change of a kind the old node does not know (a node revocation)
// does not stall it. Upgraded to this release, the same node gets that change.
func TestOldNodeSyncsWithNewCenter(t *testing.T) {
	if testing.Short() {
		t.Skip("builds aula-node from an older commit")
	}
	oldBin := oldNodeBinary(t)
	c := e2e.NewCenter(t)
	_, newBin := e2e.Binaries(t)
	data := t.TempDir()
	e2e.Must(t, "", oldBin, "enroll", "--data", data, "--server", c.URL, "--token", c.Token)
	e2e.Must(t, "", oldBin, "sync", "--data", data)

	// An officer passes the course on the old node, through its API.
	attemptID, certID := passOnNode(t, oldBin, data)

	// A node of another PC of the station, revoked: a change of a kind (version 2) the old node
	// does not know.
	var nodes []struct {
		ID       string `json:"id"`
		Protocol *int   `json:"protocol"`
	}
	centerJSON(t, c, "GET", "/api/v1/nodes", &nodes)
	if len(nodes) != 1 || nodes[0].Protocol == nil || *nodes[0].Protocol != 1 {
		t.Fatalf("nodes %+v: want the old node, noted with protocol 1", nodes)
	}
	oldID := nodes[0].ID
	var tok struct {
		Token string `json:"enrollment_token"`
	}
	centerJSON(t, c, "POST", "/api/v1/stations/CCS-01/token", &tok)
	e2e.Must(t, "", newBin, "enroll", "--data", t.TempDir(), "--server", c.URL, "--token", tok.Token)
	centerJSON(t, c, "GET", "/api/v1/nodes", &nodes)
	lost := ""
	for _, n := range nodes {
		if n.ID != oldID {
			lost = n.ID
		}
	}
	if code := adminPost(t, c, "/api/v1/nodes/"+lost+"/revoke"); code != http.StatusOK {
		t.Fatalf("revoke: %d", code)
	}

	// The old node pushes its attempt and certificate and syncs past the revocation, twice.
	e2e.Must(t, "", oldBin, "sync", "--data", data)
	e2e.Must(t, "", oldBin, "sync", "--data", data)
	centerHoldsOnce(t, c, attemptID, certID)
	centerJSON(t, c, "GET", "/api/v1/nodes", &nodes)
	for _, n := range nodes {
		if n.ID == oldID && (n.Protocol == nil || *n.Protocol != 1) {
			t.Errorf("the center noted protocol %v for the old node, want 1", n.Protocol)
		}
	}
	st, err := store.Open(data)
	if err != nil {
		t.Fatal(err)
	}
	if msg, _ := st.Meta(context.Background(), store.MetaLastError); msg != "" {
		t.Errorf("the old node's last sync error: %s", msg)
	}
	if revoked, _ := st.NodeRevoked(context.Background(), lost); revoked {
		t.Error("the old node received a node revocation, a version 2 change")
	}
	countersigned(t, st, attemptID)
	st.Close()

	// The station upgrades: the node revocation it was not sent now comes down.
	e2e.Must(t, "", newBin, "sync", "--data", data)
	st, err = store.Open(data)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if revoked, err := st.NodeRevoked(context.Background(), lost); err != nil || !revoked {
		t.Errorf("after the upgrade the node revocation did not come down (%v)", err)
	}
	if v, err := st.CursorProtocol(context.Background()); err != nil || v != protocol.Version {
		t.Errorf("cursor protocol %d after the upgrade (%v), want %d", v, err, protocol.Version)
	}
	countersigned(t, st, attemptID)
	centerHoldsOnce(t, c, attemptID, certID)
}

// passOnNode runs the node, lets officer PNB-1 pass the sample course through its API, stops
// it, and returns the attempt and certificate ids.
func passOnNode(t *testing.T, bin, data string) (attemptID, certID string) {
	t.Helper()
	addr := e2e.FreeAddr(t)
	cmd := exec.Command(bin, "serve", "--addr", addr, "--data", data)
	var logs bytes.Buffer
	cmd.Stdout, cmd.Stderr = &logs, &logs
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() { _ = cmd.Process.Signal(syscall.SIGTERM); _ = cmd.Wait() }()
	url := "http://" + addr
	for i := 0; ; i++ {
		if resp, err := http.Get(url + "/healthz"); err == nil {
			resp.Body.Close()
			break
		}
		if i == 400 {
			t.Fatalf("the node did not start:\n%s", logs.String())
		}
		time.Sleep(25 * time.Millisecond)
	}
	var login struct{ Token string }
	nodeJSON(t, url, "", "POST", "/api/v1/session", map[string]string{"badge": "PNB-1", "pin": "4821"}, &login)
	var paper struct {
		AttemptID string `json:"attempt_id"`
		Questions []struct {
			ID, Type, Prompt            string
			Options, Items, Left, Right []struct{ ID, Text string }
		} `json:"questions"`
	}
	nodeJSON(t, url, login.Token, "POST", "/api/v1/courses/curso-de-prueba/attempts", nil, &paper)
	key := sampleKey(t)
	byText := func(cs []struct{ ID, Text string }, text string) string {
		for _, c := range cs {
			if c.Text == text {
				return c.ID
			}
		}
		t.Fatalf("no choice %q in %+v", text, cs)
		return ""
	}
	responses := map[string]any{}
	for _, q := range paper.Questions {
		k, ok := key[q.Prompt]
		if !ok {
			t.Fatalf("question %q is not in the sample course", q.Prompt)
		}
		switch q.Type {
		case courses.Single, courses.Multiple:
			var ids []string
			for _, o := range k.Options {
				if o.Correct {
					ids = append(ids, byText(q.Options, o.Text["es"]))
				}
			}
			responses[q.ID] = ids
			if q.Type == courses.Single {
				responses[q.ID] = ids[0]
			}
		case courses.TrueFalse:
			responses[q.ID] = *k.Answer
		case courses.Ordering:
			var ids []string
			for _, it := range k.Items {
				ids = append(ids, byText(q.Items, it["es"]))
			}
			responses[q.ID] = ids
		case courses.Matching:
			m := map[string]string{}
			for _, p := range k.Pairs {
				m[byText(q.Left, p.Left["es"])] = byText(q.Right, p.Right["es"])
			}
			responses[q.ID] = m
		case courses.Short:
			responses[q.ID] = k.Accept[0]["es"]
		case courses.Numeric:
			responses[q.ID] = *k.Value
		}
	}
	var res struct {
		Passed        bool    `json:"passed"`
		CertificateID *string `json:"certificate_id"`
	}
	nodeJSON(t, url, login.Token, "POST", "/api/v1/attempts/"+paper.AttemptID+"/submit", map[string]any{"responses": responses}, &res)
	if !res.Passed || res.CertificateID == nil {
		t.Fatalf("the officer did not pass on the old node: %+v", res)
	}
	return paper.AttemptID, *res.CertificateID
}

// sampleKey is the sample course's questions by their Spanish prompt.
func sampleKey(t *testing.T) map[string]courses.Question {
	t.Helper()
	pkg, problems := coursepkg.Read(os.DirFS(filepath.Join(e2e.Root(), "courses", "testdata", "sample")), "sample")
	if len(problems) > 0 {
		t.Fatal(problems)
	}
	out := map[string]courses.Question{}
	for _, q := range pkg.Course.Quiz.Questions {
		out[q.Prompt["es"]] = q
	}
	return out
}

// nodeJSON sends a JSON request to a node's API and decodes the 2xx answer into out.
func nodeJSON(t *testing.T, url, token, method, path string, body, out any) {
	t.Helper()
	b, _ := json.Marshal(body)
	req, _ := http.NewRequest(method, url+path, bytes.NewReader(b))
	req.Header.Set("Content-Type", "application/json")
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	doJSON(t, req, out)
}

// centerJSON sends an administrator's request to the center's API and decodes the answer.
func centerJSON(t *testing.T, c *e2e.Center, method, path string, out any) {
	t.Helper()
	centerAttempts(t, c) // logs in once
	req, _ := http.NewRequest(method, c.URL+path, nil)
	tokensMu.Lock()
	req.Header.Set("Authorization", "Bearer "+tokens[c.URL])
	tokensMu.Unlock()
	doJSON(t, req, out)
}

func doJSON(t *testing.T, req *http.Request, out any) {
	t.Helper()
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var raw bytes.Buffer
	raw.ReadFrom(resp.Body)
	if resp.StatusCode/100 != 2 || json.Unmarshal(raw.Bytes(), out) != nil {
		t.Fatalf("%s %s: %d %s", req.Method, req.URL.Path, resp.StatusCode, raw.String())
	}
}

// centerHoldsOnce checks that the center holds the node's one attempt, with the node's clock
// offset, and its one certificate, valid.
func centerHoldsOnce(t *testing.T, c *e2e.Center, attemptID, certID string) {
	t.Helper()
	var attempts []struct {
		ID          string `json:"id"`
		Passed      bool   `json:"passed"`
		ClockOffset *int64 `json:"clock_offset_s"`
	}
	centerJSON(t, c, "GET", "/api/v1/attempts", &attempts)
	if len(attempts) != 1 || attempts[0].ID != attemptID || !attempts[0].Passed || attempts[0].ClockOffset == nil {
		t.Fatalf("center attempts %+v: want attempt %s once, passed, with the node's clock offset", attempts, attemptID)
	}
	var certs []struct{ ID, Status string }
	centerJSON(t, c, "GET", "/api/v1/certificates", &certs)
	if len(certs) != 1 || certs[0].ID != certID || certs[0].Status != "valid" {
		t.Fatalf("center certificates %+v: want %s once, valid", certs, certID)
	}
}

// countersigned checks that the node holds the center's countersignature of its certificate
// (a token the center signed, naming no node).
func countersigned(t *testing.T, st *store.Store, attemptID string) {
	t.Helper()
	cert, err := st.CertificateForAttempt(context.Background(), attemptID)
	if err != nil || cert == nil {
		t.Fatalf("the node's certificate for %s: %v", attemptID, err)
	}
	key, _ := st.Meta(context.Background(), store.MetaCenterKey)
	pub, _ := base64.StdEncoding.DecodeString(key)
	claims, _, err := certificate.Verify(cert.Token, ed25519.PublicKey(pub))
	if err != nil || claims.NodeID != "" {
		t.Errorf("the node's certificate is not the center's countersignature (%+v, %v)", claims, err)
	}
}
