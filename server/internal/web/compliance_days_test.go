package web_test

import (
	"net/http"
	"testing"
)

// Certificates are stored with days (issued_at, expires_at "YYYY-MM-DD": a certificate's claims
// carry days), and compliance reads them as days: an officer whose certificate is valid is
// compliant with its completion and expiry days, one whose certificate has lapsed is not.
func TestComplianceReadsCertificateDays(t *testing.T) {
	t.Parallel()
	e, tokens := programmeEnv(t)
	admin := tokens["admin"]
	db := e.db()
	today := e.clock.Now().UTC()
	day := func(d int) string { return today.AddDate(0, 0, d).Format("2006-01-02") }
	// seedResults' certificates, as a node's or the center's issuing stores them.
	e.exec(db, `UPDATE certificates SET issued_at = ?, expires_at = ? WHERE id = 'C1'`, day(-10), day(355))
	e.exec(db, `UPDATE certificates SET issued_at = ?, expires_at = ? WHERE id = 'C2'`, day(-400), day(-35))
	if rec := e.api(http.MethodPost, "/api/v1/requirements", admin, map[string]any{"course_id": sampleCourse, "due_days": 30}); rec.Code != http.StatusCreated {
		t.Fatalf("requirement: %d %s", rec.Code, rec.Body)
	}
	var rows []map[string]any
	decode(t, e.api(http.MethodGet, "/api/v1/compliance?course="+sampleCourse, admin, nil), &rows)
	byBadge := map[string]map[string]any{}
	for _, r := range rows {
		byBadge[r["badge"].(string)] = r
	}
	valid, lapsed := byBadge["PNB-1001"], byBadge["PNB-1003"]
	if valid == nil || valid["status"] != "compliant" || valid["completed_at"] != day(-10) || valid["expires_at"] != day(355) {
		t.Errorf("valid certificate: %v, want compliant, completed %s, expires %s", valid, day(-10), day(355))
	}
	if lapsed == nil || lapsed["status"] == "compliant" || lapsed["status"] == "expiring" {
		t.Errorf("lapsed certificate (expired %s): %v, want due or overdue", day(-35), lapsed)
	}
}
