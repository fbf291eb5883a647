package web_test

import (
	"context"
	"net/http"
	"net/url"
	"testing"
	"time"

	"aula/client-node/internal/store"
	"aula/client-node/internal/web"
	"aula/courses"
	"aula/internal/pagescan"
)

// knownElsewhere lists findings of the scan that other work of issue 21 fixes: the test logs them
// instead of failing, so they are reported, not hidden. Remove an entry once its fix is merged.
var knownElsewhere = map[string]string{}

// Every page an officer sees at a station, in Spanish — course list, course, lesson, quiz start, a
// question, the result of a passed attempt with its review, the sync page of an enrolled station
// whose clock runs fast, the verify form — shows no ISO date or time stamp, no "(s)" plural, no
// internal id, no decimal point and no English interface string.
func TestEveryOfficerPageReadsAsSpanish(t *testing.T) {
	n := newNode(t, false)
	if err := n.st.SetMetas(context.Background(), map[string]string{store.MetaNodeID: "0193a8e0-0000-7000-8000-0000000000aa", store.MetaStationCode: "CCS-01",
		store.MetaStationName: "Caracas Centro", store.MetaLastSuccess: time.Now().UTC().Format(time.RFC3339), store.MetaClockOffset: "-4000"}); err != nil {
		t.Fatal(err)
	}
	c := n.client()
	c.login("PNB-1", "1234")
	course := readCourse(t, "")
	english := pagescan.English(web.Catalog(), 4)
	// The sample course's own words (its lesson lists the question types by their ids).
	allowed := []string{"numeric un número", "single una opción"}
	id := c.startForm(sampleID)
	_, question := c.get("/attempts/" + id + "/q/1")
	scan := map[string]string{"/attempts/" + id + "/q/1": question}
	c.answerSample(id, map[string]url.Values{courses.Numeric: {"a": {"47"}}})
	for _, p := range []string{"/", "/courses/" + sampleID, "/courses/" + sampleID + "/lessons/" + course.Lessons[0].ID,
		"/courses/" + sampleID + "/quiz", "/attempts/" + id + "/result", "/sync", "/verify", "/certificates"} {
		resp, body := c.get(p)
		if resp.StatusCode != http.StatusOK {
			t.Errorf("GET %s: %d", p, resp.StatusCode)
			continue
		}
		scan[p] = body
	}
	for p, body := range scan {
		text := pagescan.Visible(body)
		if len(text) < 60 {
			t.Errorf("GET %s: the page shows almost nothing: %q", p, text)
		}
		for _, f := range pagescan.Problems(text, english, allowed) {
			f = p + ": " + f
			if owner, ok := knownElsewhere[f]; ok {
				t.Logf("known, fixed elsewhere (%s): %s", owner, f)
				continue
			}
			t.Error(f)
		}
	}
}
