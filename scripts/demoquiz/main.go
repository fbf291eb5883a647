// Command demoquiz has officers take starter-course quizzes through a running station node's
// JSON API (contract §3), so a demo center gets attempts, completions and certificates once the
// node syncs. Each argument is BADGE:PIN:COURSE:RESULT, RESULT "pass" (every answer right) or
// "fail" (nothing answered); BADGE:PIN:workshops:attend signs the officer in to every workshop the
// node lists for them. The right answers need the attempt's paper, which a terminal never
// sees: the command reads the attempt's secret from the node's database (read-only), as a trainer
// with the station computer could. scripts/demo-to-postgres runs it.
package main

import (
	"database/sql"
	"encoding/json"
	"flag"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"

	"aula/courses"
	"aula/courses/coursepkg"
	"aula/internal/e2e"
	_ "aula/internal/sqlitedb" // the "sqlite" driver (the project's one importer of modernc.org/sqlite)
	"aula/scripts/internal/apicall"
)

func main() {
	node := flag.String("node", "http://127.0.0.1:8090", "the station node's address")
	data := flag.String("data", "demo-data/node", "the node's data folder (holds aula-node.db)")
	flag.Parse()
	if flag.NArg() == 0 {
		fmt.Fprintln(os.Stderr, "usage: demoquiz --node URL --data DIR BADGE:PIN:COURSE:pass|fail ...")
		os.Exit(2)
	}
	q := url.Values{"mode": {"ro"}}
	q.Add("_pragma", "busy_timeout(10000)")
	db, err := sql.Open("sqlite", "file:"+filepath.Join(*data, "aula-node.db")+"?"+q.Encode())
	if err != nil {
		fmt.Fprintln(os.Stderr, "demoquiz:", err)
		os.Exit(1)
	}
	defer db.Close()
	for _, arg := range flag.Args() {
		f := strings.Split(arg, ":")
		if len(f) != 4 || (f[3] != "pass" && f[3] != "fail" && f[3] != "attend") {
			fmt.Fprintf(os.Stderr, "demoquiz: %q: want BADGE:PIN:COURSE:pass|fail or BADGE:PIN:workshops:attend\n", arg)
			os.Exit(2)
		}
		var out string
		var err error
		if f[3] == "attend" {
			out, err = attend(*node, f[0], f[1])
		} else {
			out, err = take(*node, db, f[0], f[1], f[2], f[3] == "pass")
		}
		if err != nil {
			fmt.Fprintf(os.Stderr, "demoquiz: %s: %v\n", arg, err)
			os.Exit(1)
		}
		fmt.Printf("%s %s: %s\n", f[0], f[2], out)
	}
}

// take logs the officer in, starts an attempt, submits it and logs out; it returns the result
// the node answered.
func take(node string, db *sql.DB, badge, pin, course string, pass bool) (string, error) {
	var login struct{ Token string }
	if err := apicall.Call(node, "POST", "/api/v1/session", "", nil, map[string]string{"badge": badge, "pin": pin}, &login); err != nil {
		return "", err
	}
	defer apicall.Call(node, "DELETE", "/api/v1/session", login.Token, nil, nil, nil)
	var att struct {
		AttemptID string `json:"attempt_id"`
	}
	if err := apicall.Call(node, "POST", "/api/v1/courses/"+course+"/attempts", login.Token, nil, nil, &att); err != nil {
		return "", err
	}
	responses := map[string]any{}
	if pass {
		var err error
		if responses, err = rightResponses(db, course, att.AttemptID); err != nil {
			return "", err
		}
	}
	var res json.RawMessage
	if err := apicall.Call(node, "POST", "/api/v1/attempts/"+att.AttemptID+"/submit", login.Token, nil, map[string]any{"responses": responses}, &res); err != nil {
		return "", err
	}
	return string(res), nil
}

// attend signs the officer in to every workshop the node lists for them and returns how many.
func attend(node, badge, pin string) (string, error) {
	var login struct{ Token string }
	if err := apicall.Call(node, "POST", "/api/v1/session", "", nil, map[string]string{"badge": badge, "pin": pin}, &login); err != nil {
		return "", err
	}
	defer apicall.Call(node, "DELETE", "/api/v1/session", login.Token, nil, nil, nil)
	var list []struct{ ID string }
	if err := apicall.Call(node, "GET", "/api/v1/workshops", login.Token, nil, nil, &list); err != nil {
		return "", err
	}
	for _, w := range list {
		if err := apicall.Call(node, "POST", "/api/v1/workshops/"+w.ID+"/attendance", login.Token, nil, nil, nil); err != nil {
			return "", err
		}
	}
	return fmt.Sprintf("signed in to %d workshops", len(list)), nil
}

// rightResponses are the right answers to the attempt's paper, drawn again from its seed.
func rightResponses(db *sql.DB, course, attemptID string) (map[string]any, error) {
	var secret string
	if err := db.QueryRow("SELECT secret FROM attempts WHERE id = ?", attemptID).Scan(&secret); err != nil {
		return nil, fmt.Errorf("attempt %s in the node's database: %w", attemptID, err)
	}
	fsys, err := courses.StarterCourse(course)
	if err != nil {
		return nil, err
	}
	pkg, problems := coursepkg.Read(fsys, course)
	if len(problems) > 0 || pkg.Course.Quiz == nil {
		return nil, fmt.Errorf("%s is not a starter course with a quiz", course)
	}
	quiz := pkg.Course.Quiz
	return e2e.RightResponses(quiz, courses.BuildPaper(quiz, courses.AttemptSeed(attemptID, secret))), nil
}
