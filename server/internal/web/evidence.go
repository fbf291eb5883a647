package web

import (
	"encoding/json"
	"fmt"
	"net/http"

	"github.com/labstack/echo/v4"

	"aula/courses"
	"aula/server/internal/evidence"

	"aula/server/internal/store"
	"aula/sync/auditchain"
	"aula/sync/auth"
	"aula/sync/certificate"
)

// apiEvidence: GET /api/v1/officers/{badge}/evidence, the officer's evidence bundle (a zip):
// transcript (JSON and PDF), every attempt with its paper, responses and both scores, the
// certificates with their signed tokens and Open Badges credentials, workshop attendance, the
// audit entries about him with the signed chain segment, README.txt. The export itself is audited
// first, so it is in the proof.
func (s *Server) apiEvidence(c echo.Context) error {
	tr, err := s.Center.Transcript(ctx(c), scope(c), c.Param("badge"))
	if err != nil {
		return err
	}
	badge := tr.Officer.Badge
	if err := s.Store.AuditOfficer(ctx(c), actor(c), "evidence.export", badge, "paquete de evidencia"); err != nil {
		return err
	}
	var files []evidence.File
	add := func(name string, v any) error {
		b, err := json.MarshalIndent(v, "", "  ")
		files = append(files, evidence.File{Name: name, Data: b})
		return err
	}
	if err := add("transcript.json", transcriptJSON(c, tr)); err != nil {
		return err
	}
	pdf, err := s.transcriptPDFBytes(c, tr)
	if err != nil {
		return err
	}
	files = append(files, evidence.File{Name: "transcript.pdf", Data: pdf})
	attempts, err := s.Store.ListAttempts(ctx(c), store.ResultFilter{Badge: badge, Limit: -1}, false)
	if err != nil {
		return err
	}
	for _, a := range attempts {
		rec, err := s.attemptRecord(c, a.ID)
		if err != nil {
			return err
		}
		if err := add("attempts/"+a.ID+".json", rec); err != nil {
			return err
		}
	}
	certs, err := s.certRecords(c, badge)
	if err != nil {
		return err
	}
	if err := add(evidence.CertsFile, certs); err != nil {
		return err
	}
	var workshops []map[string]any
	for _, e := range tr.Entries {
		if e.Kind == "workshop" {
			workshops = append(workshops, map[string]any{"title": e.Title.In("es", "es"), "date": e.Day, "hours": e.Hours, "area": e.Area, "certificate_code": e.Code})
		}
	}
	if err := add("workshops.json", nonNilRows(workshops)); err != nil {
		return err
	}
	events, err := s.Store.NodeEventsOf(ctx(c), badge) // his stations' chained events (docs/evidence.md)
	if err != nil {
		return err
	}
	if events == nil {
		events = []store.NodeEventRow{}
	}
	if err := add(StationEventsFile, events); err != nil {
		return err
	}
	proof, err := s.auditProof(c, badge)
	if err != nil {
		return err
	}
	files = append(files, evidence.File{Name: evidence.ReadmeFile, Data: []byte(evidence.Readme(badge, auth.Fingerprint(s.pub()), proof.Head))})
	zip, err := evidence.Build(s.Key, badge, s.Now(), files, proof)
	if err != nil {
		return err
	}
	c.Response().Header().Set("Content-Disposition", fmt.Sprintf("attachment; filename=%q", "evidencia-"+badge+".zip"))
	return c.Blob(http.StatusOK, "application/zip", zip)
}

// StationEventsFile is the bundle's file of the officer's events from the stations' own chained
// logs, each with its node, prev, hash and whether it verified on arrival.
const StationEventsFile = "station_events.json"

func nonNilRows(rows []map[string]any) []map[string]any {
	if rows == nil {
		return []map[string]any{}
	}
	return rows
}

// auditProof: the entries about the officer, the chain from the first of them to the head, and
// the head signed now.
func (s *Server) auditProof(c echo.Context, badge string) (evidence.Proof, error) {
	seq, hash, err := s.Store.AuditHead(ctx(c))
	if err != nil {
		return evidence.Proof{}, err
	}
	p := evidence.Proof{Head: auditchain.SignHead(s.Key, seq, hash)}
	if p.Entries, err = s.Store.OfficerAuditChain(ctx(c), badge); err != nil || len(p.Entries) == 0 {
		return p, err
	}
	p.Chain, err = s.Store.AuditRange(ctx(c), p.Entries[0].Seq, seq)
	return p, err
}

// attemptRecord is an attempt as the bundle holds it: the paper rebuilt from its seed, the
// officer's responses, the score the node reported and the center's re-score.
func (s *Server) attemptRecord(c echo.Context, id string) (map[string]any, error) {
	a, err := s.Store.FindAttemptAnswers(ctx(c), id)
	if err != nil {
		return nil, err
	}
	rec := map[string]any{"id": a.ID, "course_id": a.CourseID, "course_version": a.CourseVersion, "station": a.Station,
		"submitted_at_node_clock": a.SubmittedAt, "received_at": a.ReceivedAt, "score_reported_by_node": a.NodeScore,
		"score_rescored_by_center": a.Score, "scores_differ": a.Mismatch, "passed": a.Passed, "responses": json.RawMessage(nonEmptyJSON(a.Responses))}
	rec["paper"] = nil
	canon, ok := courses.SplitResponses([]byte(a.Responses))
	if s.Sync == nil || !ok || a.Secret == "" {
		return rec, nil
	}
	pkg, err := s.Sync.Course(ctx(c), a.CourseID, a.CourseVersion)
	if err != nil || pkg.Course.Quiz == nil {
		return rec, nil
	}
	l := pkg.Course.Lang("es")
	var paper []map[string]any
	for _, r := range courses.ReviewCanonical(pkg.Course.Quiz, courses.AttemptSeed(a.ID, a.Secret), canon) {
		paper = append(paper, map[string]any{"question": r.Question.ID, "prompt": r.Question.Prompt.In(l, l), "points": r.Question.Points,
			"answer": r.AnswerText(l, "verdadero", "falso"), "expected": courses.Expected(r.Question).AnswerText(l, "verdadero", "falso"),
			"credit": r.Credit, "answered": r.Answered})
	}
	rec["paper"] = paper
	return rec, nil
}

func nonEmptyJSON(s string) string {
	if s == "" {
		return "null"
	}
	return s
}

// certRecords are the officer's certificates with their signatures.
func (s *Server) certRecords(c echo.Context, badge string) ([]evidence.CertRecord, error) {
	list, err := s.Store.ListCertificates(ctx(c), store.ResultFilter{Badge: badge, Limit: -1})
	if err != nil {
		return nil, err
	}
	out := []evidence.CertRecord{}
	for i := range list {
		cert := &list[i]
		r := evidence.CertRecord{ID: cert.ID, Code: cert.Code, Status: cert.Status, Title: cert.Title.In("es", "es"), Hours: cert.Hours,
			IssuedAt: cert.IssuedAt, RevokedReason: cert.RevokedReason}
		if certificate.CenterSigned(cert.Token) {
			r.Token = cert.Token
			if r.OB3, err = s.ob3Token(ctx(c), s.publicURL(c), cert); err != nil {
				return nil, err
			}
		}
		out = append(out, r)
	}
	return out, nil
}
