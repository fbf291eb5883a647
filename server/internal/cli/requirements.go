package cli

import (
	"context"
	"fmt"
	"io"
	"strconv"
	"strings"

	"aula/courses"
	"aula/internal/cliflags"
	"aula/server/internal/app"
	"aula/server/internal/service"
	"aula/server/internal/store"
	"aula/server/internal/web"
)

// requirementAdd registers required training through the same service as POST
// /api/v1/requirements: a course, a scope and exactly one due rule.
func requirementAdd(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	f := cliflags.New("requirement add", stderr)
	data, db := storeFlags(f)
	course := f.Str("course", "", "id of a published course")
	agency := f.Str("agency", "", "only this agency's officers (code)")
	station := f.Str("station", "", "only this station's officers (code)")
	rank := f.Str("rank", "", "only officers of this rank")
	dueDate := f.Str("due-date", "", "due on this day (YYYY-MM-DD)")
	dueDays := f.Str("due-days", "", "due N days after it first applies to an officer")
	window := f.Str("window-days", "", "days before a certificate expires in which the status is expiring (default 60)")
	if ok, c := f.Parse(args); !ok {
		return c
	}
	if !f.Require(stderr, map[string]string{"course": *course}) {
		return 2
	}
	in := service.RequirementInput{CourseID: *course, Agency: *agency, Station: *station, Rank: *rank, DueDate: *dueDate}
	bad := map[string]courses.Msg{}
	in.DueDays = optInt(*dueDays, "due_days", bad)
	in.WindowDays = optInt(*window, "window_days", bad)
	if len(bad) > 0 {
		return fail(stderr, courses.InvalidFields(bad))
	}
	return withStore(*data, *db, stderr, func(m *app.Main) int {
		ctr := center(m)
		id, err := ctr.CreateRequirement(context.Background(), service.Scope{}, in, "cli")
		if err != nil {
			return fail(stderr, err)
		}
		reqs, err := ctr.ListRequirements(context.Background(), service.Scope{})
		if err != nil {
			return fail(stderr, err)
		}
		for _, r := range reqs {
			if r.ID == id {
				fmt.Fprintln(stdout, web.Message(cliLang(), "cli.requirement_created", id, describeRequirement(r)))
			}
		}
		return 0
	})
}

// requirementList prints the requirements in force, one a line.
func requirementList(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	f := cliflags.New("requirement list", stderr)
	data, db := storeFlags(f)
	if ok, c := f.Parse(args); !ok {
		return c
	}
	return withStore(*data, *db, stderr, func(m *app.Main) int {
		reqs, err := center(m).ListRequirements(context.Background(), service.Scope{})
		if err != nil {
			return fail(stderr, err)
		}
		if len(reqs) == 0 {
			fmt.Fprintln(stdout, web.Message(cliLang(), "cli.requirement_none"))
		}
		for _, r := range reqs {
			fmt.Fprintf(stdout, "%d\t%s\n", r.ID, describeRequirement(r))
		}
		return 0
	})
}

// optInt parses an optional whole-number flag ("" is not given); a bad one is noted under field.
func optInt(s, field string, bad map[string]courses.Msg) *int {
	if s = strings.TrimSpace(s); s == "" {
		return nil
	}
	n, err := strconv.Atoi(s)
	if err != nil {
		bad[field] = courses.M("v.number")
		return nil
	}
	return &n
}

// describeRequirement is a requirement on one line: course, scope and due rule, as
// key=value words that a script can read.
func describeRequirement(r store.Requirement) string {
	parts := []string{"course=" + r.CourseID}
	for _, kv := range [][2]string{{"agency", r.Agency}, {"station", r.Station}, {"rank", r.Rank}, {"due_date", r.DueDate}} {
		if kv[1] != "" {
			parts = append(parts, kv[0]+"="+kv[1])
		}
	}
	if r.DueDays != nil {
		parts = append(parts, "due_days="+strconv.Itoa(*r.DueDays))
	}
	return strings.Join(append(parts, "window_days="+strconv.Itoa(r.WindowDays)), " ")
}
