package web_test

import (
	"crypto/ed25519"
	"encoding/base64"
	"encoding/json"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"aula/courses"
	"aula/internal/npmtest"
	"aula/internal/pgtest"
	"aula/server/internal/credential"
	"aula/sync/certificate"
)

// verifyScript verifies a VC-JWT with jose, using the public key its header carries, and prints
// the header and payload; given an index, it also reads that bit of a status list's encodedList.
const verifyScript = `
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { decodeProtectedHeader, importJWK, jwtVerify } from 'jose';
const token = readFileSync(process.argv[2], 'utf8');
const header = decodeProtectedHeader(token);
const key = await importJWK(header.jwk, 'EdDSA');
const { payload, protectedHeader } = await jwtVerify(token, key, { algorithms: ['EdDSA'], currentDate: new Date(Number(process.argv[3]) * 1000) });
let bit = null;
if (process.argv[4] !== undefined) {
  const bits = gunzipSync(Buffer.from(payload.credentialSubject.encodedList.slice(1), 'base64url'));
  const i = Number(process.argv[4]);
  bit = (bits[i >> 3] >> (7 - (i & 7))) & 1;
}
console.log(JSON.stringify({ header: protectedHeader, payload, bit }));
`

type joseResult struct {
	Header  map[string]any `json:"header"`
	Payload map[string]any `json:"payload"`
	Bit     *int           `json:"bit"`
}

// The OB 3.0 credential of a confirmed certificate verifies with jose against the key in its
// header (the center's), its claims match the credential, the officer appears only as a salted
// hash; after revocation the status list it points to has its bit set.
func TestOB3CredentialVerifiesWithJoseAndRevocationShows(t *testing.T) {
	pgtest.Dialects(t, func(t *testing.T) {
		dir := npmtest.Install(t, "jose@5")
		e := newEnv(t)
		admin := e.adminToken()
		e.seedResults(admin)
		claims := certificate.Claims{ID: "C1", Code: "VALID00001", Name: "María Pérez", Badge: "PNB-1001", CourseID: sampleCourse, Version: 1,
			Title: courses.Text{"es": "Uso progresivo de la fuerza"}, Hours: 8, IssuedOn: e.clock.Now().Format(time.DateOnly), Issuer: "Aula"}
		e.exec(e.db(), `UPDATE certificates SET token = ?, title_json = '{"es":"Uso progresivo de la fuerza"}', hours = 8 WHERE id = 'C1'`,
			certificate.SignByCenter(claims, e.server.Key))

		if rec := e.api(http.MethodGet, "/api/v1/certificates/C2/ob3", admin, nil); rec.Code != http.StatusConflict {
			t.Errorf("unconfirmed certificate: %d %s", rec.Code, rec.Body)
		}
		rec := e.api(http.MethodGet, "/api/v1/certificates/C1/ob3", admin, nil)
		if rec.Code != 200 || rec.Header().Get("Content-Type") != "application/vc+jwt" {
			t.Fatalf("ob3: %d %q %s", rec.Code, rec.Header().Get("Content-Type"), rec.Body)
		}
		now := e.clock.Now().Unix()
		vc := jose(t, dir, rec.Body.String(), now, -1)
		p := vc.Payload
		pub := e.server.Key.Public().(ed25519.PublicKey)
		if jwk := vc.Header["jwk"].(map[string]any); jwk["x"] != base64.RawURLEncoding.EncodeToString(pub) || vc.Header["alg"] != "EdDSA" {
			t.Errorf("header %v does not carry the center's key", vc.Header)
		}
		ctx := p["@context"].([]any)
		if len(ctx) < 2 || ctx[0] != credential.ContextVC2 || ctx[1] != credential.ContextOB3 {
			t.Errorf("@context %v", ctx)
		}
		if !slices.Contains(p["type"].([]any), any("OpenBadgeCredential")) || !slices.Contains(p["type"].([]any), any("VerifiableCredential")) {
			t.Errorf("type %v", p["type"])
		}
		issuer := p["issuer"].(map[string]any)
		subject := p["credentialSubject"].(map[string]any)
		from, _ := time.Parse(time.RFC3339, p["validFrom"].(string))
		for claim, want := range map[string]any{"iss": issuer["id"], "sub": subject["id"], "jti": p["id"], "nbf": float64(from.Unix())} {
			if p[claim] != want || want == nil {
				t.Errorf("%s = %v, want %v", claim, p[claim], want)
			}
		}
		if subject["id"] != credential.SubjectID(e.server.Key, "PNB-1001") || strings.Contains(rec.Body.String(), "PNB-1001") ||
			strings.Contains(mustJSON(t, p), "PNB-1001") || strings.Contains(mustJSON(t, p), "María") {
			t.Errorf("subject %v: the officer must appear only as a salted hash", subject["id"])
		}
		ach := subject["achievement"].(map[string]any)
		if ach["name"] != "Uso progresivo de la fuerza" || ach["creditsAvailable"] != 8.0 || ach["description"] == "" ||
			ach["criteria"].(map[string]any)["narrative"] == "" || !slices.Contains(ach["type"].([]any), any("Achievement")) || ach["fieldOfStudy"] == "" {
			t.Errorf("achievement %v", ach)
		}

		status := p["credentialStatus"].(map[string]any)
		if status["type"] != "BitstringStatusListEntry" || status["statusPurpose"] != "revocation" {
			t.Fatalf("credentialStatus %v", status)
		}
		list, _ := url.Parse(status["statusListCredential"].(string))
		index := status["statusListIndex"].(string)
		bit := func() int {
			rec := e.api(http.MethodGet, list.Path, "", nil)
			if rec.Code != 200 || rec.Header().Get("Content-Type") != "application/vc+jwt" {
				t.Fatalf("status list: %d %s", rec.Code, rec.Body)
			}
			r := jose(t, dir, rec.Body.String(), now, atoi(t, index))
			if r.Payload["id"] != status["statusListCredential"] || r.Payload["iss"] != issuer["id"] {
				t.Errorf("status list %v", r.Payload)
			}
			return *r.Bit
		}
		if bit() != 0 {
			t.Fatal("the status list says revoked before the revocation")
		}
		if rec := e.api(http.MethodPost, "/api/v1/certificates/C1/revoke", admin, map[string]string{"reason": "Error de registro"}); rec.Code != 200 {
			t.Fatalf("revoke: %d %s", rec.Code, rec.Body)
		}
		if bit() != 1 {
			t.Fatal("the status list does not say revoked after the revocation")
		}
	})
}

func jose(t *testing.T, dir, token string, now int64, index int) joseResult {
	t.Helper()
	file := filepath.Join(dir, "token.jwt")
	if err := os.WriteFile(file, []byte(token), 0o644); err != nil {
		t.Fatal(err)
	}
	args := []string{file, itoa(now)}
	if index >= 0 {
		args = append(args, itoa(int64(index)))
	}
	var r joseResult
	if err := json.Unmarshal([]byte(npmtest.Node(t, dir, verifyScript, args...)), &r); err != nil {
		t.Fatal(err)
	}
	return r
}

func atoi(t *testing.T, s string) int {
	t.Helper()
	n, err := strconv.Atoi(s)
	if err != nil {
		t.Fatal(err)
	}
	return n
}
