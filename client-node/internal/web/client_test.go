package web_test

// The web UI client of the tests: an officer's browser without JavaScript (cookie jar, forms with
// the CSRF token, redirects reported rather than followed), and a reader of question pages.

import (
	"html"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"aula/courses"
)

// Patterns of templates/question.html.
var (
	rePrompt    = regexp.MustCompile(`<legend><h1>([^<]*)</h1></legend>`)
	reOption    = regexp.MustCompile(`<input type="(radio|checkbox)" name="a" value="([^"]*)"[^>]*>\s*([^<]*)</label>`)
	reLeft      = regexp.MustCompile(`<label for="m_([^"]+)">([^<]*)</label>`)
	reRight     = regexp.MustCompile(`<option value="([^"]+)"\s*(?:selected)?>([^<]*)</option>`)
	reItem      = regexp.MustCompile(`<label for="o_([^"]+)">([^<]*)</label>`)
	reTextInput = regexp.MustCompile(`<input id="a" name="a"[^>]*>`)
	reCSRF      = regexp.MustCompile(`name="_csrf" value="([^"]+)"`)
)

// parseQuestion reads the question of a question page: its type (from the form fields), prompt
// and choices.
func parseQuestion(t *testing.T, page string) questionJSON {
	t.Helper()
	var q questionJSON
	m := rePrompt.FindStringSubmatch(page)
	if m == nil {
		t.Fatalf("no prompt on the question page:\n%s", page)
	}
	q.Prompt = html.UnescapeString(m[1])
	for _, m := range reOption.FindAllStringSubmatch(page, -1) {
		q.Options = append(q.Options, choiceJSON{m[2], html.UnescapeString(strings.TrimSpace(m[3]))})
		q.Type = map[string]string{"radio": courses.Single, "checkbox": courses.Multiple}[m[1]]
	}
	switch {
	case q.Type == courses.Single && len(q.Options) == 2 && q.Options[0].ID == "true" && q.Options[1].ID == "false":
		q.Type, q.Options = courses.TrueFalse, nil
	case q.Type != "":
	case strings.Contains(page, `name="m_`):
		q.Type = courses.Matching
		seen := map[string]bool{}
		for _, m := range reLeft.FindAllStringSubmatch(page, -1) {
			q.Left = append(q.Left, choiceJSON{m[1], html.UnescapeString(m[2])})
		}
		for _, m := range reRight.FindAllStringSubmatch(page, -1) {
			if !seen[m[1]] {
				seen[m[1]] = true
				q.Right = append(q.Right, choiceJSON{m[1], html.UnescapeString(m[2])})
			}
		}
	case strings.Contains(page, `name="o_`):
		q.Type = courses.Ordering
		for _, m := range reItem.FindAllStringSubmatch(page, -1) {
			q.Items = append(q.Items, choiceJSON{m[1], html.UnescapeString(m[2])})
		}
	default:
		in := reTextInput.FindString(page)
		switch {
		case strings.Contains(in, `inputmode="decimal"`):
			q.Type = courses.Numeric
		case in != "":
			q.Type = courses.Short
		default:
			t.Fatalf("cannot tell the question type of the page:\n%s", page)
		}
	}
	return q
}

// client is an officer's web browser without JavaScript: cookies, forms with the CSRF token, and
// redirects reported rather than followed.
type client struct {
	n    *node
	http *http.Client
	csrf string
}

func (n *node) client() *client {
	jar, _ := cookiejar.New(nil)
	return &client{n: n, http: &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error {
		return http.ErrUseLastResponse
	}}}
}

// do sends a request and returns the response (body read into the string).
func (c *client) do(req *http.Request) (*http.Response, string) {
	c.n.t.Helper()
	resp, err := c.http.Do(req)
	if err != nil {
		c.n.t.Fatal(err)
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(resp.Body)
	if err != nil {
		c.n.t.Fatal(err)
	}
	if m := reCSRF.FindStringSubmatch(string(data)); m != nil {
		c.csrf = m[1]
	}
	return resp, string(data)
}

func (c *client) get(path string) (*http.Response, string) {
	c.n.t.Helper()
	req, err := http.NewRequest("GET", c.n.url+path, nil)
	if err != nil {
		c.n.t.Fatal(err)
	}
	return c.do(req)
}

// post submits a form with the CSRF token of the last page seen.
func (c *client) post(path string, form url.Values) (*http.Response, string) {
	c.n.t.Helper()
	if form == nil {
		form = url.Values{}
	}
	if c.csrf == "" {
		c.get("/login")
	}
	form.Set("_csrf", c.csrf)
	return c.postRaw(path, form)
}

func (c *client) postRaw(path string, form url.Values) (*http.Response, string) {
	c.n.t.Helper()
	req, err := http.NewRequest("POST", c.n.url+path, strings.NewReader(form.Encode()))
	if err != nil {
		c.n.t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	return c.do(req)
}

// login logs in through the login form; it must redirect to the course list, which is then
// loaded as a browser would (its forms carry the CSRF token the login replaced).
func (c *client) login(badge, pin string) {
	c.n.t.Helper()
	c.get("/login")
	resp, body := c.post("/login", url.Values{"badge": {badge}, "pin": {pin}})
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/" {
		c.n.t.Fatalf("login %s: %d %s, want 303 to /:\n%s", badge, resp.StatusCode, resp.Header.Get("Location"), body)
	}
	c.get("/")
}

// expectRedirect checks a 303 answer and returns where it goes.
func expectRedirect(t *testing.T, resp *http.Response, body string, prefix string) string {
	t.Helper()
	loc := resp.Header.Get("Location")
	if resp.StatusCode != http.StatusSeeOther || !strings.HasPrefix(loc, prefix) {
		t.Fatalf("%s %s: %d to %q, want 303 to %s...:\n%s", resp.Request.Method, resp.Request.URL.Path, resp.StatusCode, loc, prefix, body)
	}
	return loc
}
