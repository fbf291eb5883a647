// Command demodraft leaves a course draft in review in a running center, through the JSON API
// (contract §6), so the demo shows the studio: a trainer starts a draft of a starter course from
// its published version, changes a lesson and submits it; an administrator can then open
// "Borradores", read the diff and approve it. scripts/demo.sh runs it.
package main

import (
	"flag"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"strings"

	"aula/scripts/internal/apicall"
)

func main() {
	center := flag.String("center", "http://127.0.0.1:8080", "the center's address")
	user := flag.String("user", "formador", "the trainer who writes the draft")
	password := flag.String("password", "", "the trainer's password")
	course := flag.String("course", "uso-de-la-fuerza", "the published course to start from")
	lesson := flag.String("lesson", "lessons/01-la-vida-primero.md", "the lesson file to change")
	flag.Parse()
	if err := run(*center, *user, *password, *course, *lesson); err != nil {
		fmt.Fprintln(os.Stderr, "demodraft:", err)
		os.Exit(1)
	}
}

// note is the paragraph the demo's draft adds to the lesson.
const note = "\n> Nota: desde esta versión, cada lección termina con un caso de la guardia para comentar con su supervisor.\n"

func run(center, user, password, course, lesson string) error {
	var login struct{ Token string }
	if err := apicall.Call(center, "POST", "/api/v1/auth/login", "", nil, map[string]string{"username": user, "password": password}, &login); err != nil {
		return err
	}
	var draft struct{ ID string }
	if err := apicall.Call(center, "POST", "/api/v1/drafts", login.Token, nil, map[string]string{"course_id": course}, &draft); err != nil {
		return err
	}
	files := "/api/v1/drafts/" + draft.ID + "/files/" + url.PathEscape(lesson)
	req, _ := http.NewRequest("GET", center+files, nil)
	req.Header.Set("Authorization", "Bearer "+login.Token)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return err
	}
	text, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 {
		return fmt.Errorf("GET %s: %s", files, resp.Status)
	}
	changed := strings.TrimRight(string(text), "\n") + "\n" + note
	if err := apicall.Call(center, "PUT", files, login.Token, map[string]string{"If-Match": resp.Header.Get("ETag")}, []byte(changed), nil); err != nil {
		return err
	}
	if err := apicall.Call(center, "POST", "/api/v1/drafts/"+draft.ID+"/submit", login.Token, nil, nil, nil); err != nil {
		return err
	}
	fmt.Printf("draft %s of %s (a changed lesson) is in review: %s/drafts/%s/review\n", draft.ID, course, center, draft.ID)
	return nil
}
