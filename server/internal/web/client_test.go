package web_test

// The web UI client of the tests: a browser with its own cookies and address, forms with the
// CSRF token, multipart uploads, and bodies streamed without holding them in memory.

import (
	"bytes"
	"io"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
)

// browser is a web UI client with its own cookies and address.
type browser struct {
	e       *env
	ip      string
	cookies map[string]*http.Cookie
	lang    string // ?lang= added to every GET when set
}

func (e *env) browser() *browser {
	return &browser{e: e, ip: e.nextIP(), cookies: map[string]*http.Cookie{}}
}

func (b *browser) send(req *http.Request) *httptest.ResponseRecorder {
	b.e.t.Helper()
	req.RemoteAddr = b.ip
	for _, c := range b.cookies {
		req.AddCookie(&http.Cookie{Name: c.Name, Value: c.Value})
	}
	rec := b.e.serve(req)
	for _, c := range rec.Result().Cookies() {
		if c.MaxAge < 0 || c.Value == "" {
			delete(b.cookies, c.Name)
		} else {
			b.cookies[c.Name] = c
		}
	}
	return rec
}

func (b *browser) get(path string) *httptest.ResponseRecorder {
	b.e.t.Helper()
	return b.send(httptest.NewRequest(http.MethodGet, path, nil))
}

// csrf is the form token: the page's hidden _csrf field carries the value of the _csrf cookie.
func (b *browser) csrf() string {
	if c := b.cookies["_csrf"]; c != nil {
		return c.Value
	}
	b.e.t.Helper()
	b.get("/login")
	if c := b.cookies["_csrf"]; c != nil {
		return c.Value
	}
	b.e.t.Fatal("no _csrf cookie after GET /login")
	return ""
}

// post submits a form with the CSRF token.
func (b *browser) post(path string, form url.Values) *httptest.ResponseRecorder {
	b.e.t.Helper()
	if form == nil {
		form = url.Values{}
	}
	form.Set("_csrf", b.csrf())
	return b.postRaw(path, form)
}

// postRaw submits a form as given (no CSRF token added).
func (b *browser) postRaw(path string, form url.Values) *httptest.ResponseRecorder {
	b.e.t.Helper()
	req := httptest.NewRequest(http.MethodPost, path, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	return b.send(req)
}

// upload submits a multipart form with one file and the CSRF token.
func (b *browser) upload(path, field, filename string, data []byte) *httptest.ResponseRecorder {
	b.e.t.Helper()
	body, ctype := multipartBody(b.e.t, map[string]string{"_csrf": b.csrf()}, field, filename, data)
	req := httptest.NewRequest(http.MethodPost, path, body)
	req.Header.Set("Content-Type", ctype)
	return b.send(req)
}

func multipartBody(t *testing.T, fields map[string]string, field, filename string, data []byte) (*bytes.Buffer, string) {
	t.Helper()
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	for k, v := range fields {
		if err := mw.WriteField(k, v); err != nil {
			t.Fatal(err)
		}
	}
	w, err := mw.CreateFormFile(field, filename)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := w.Write(data); err != nil {
		t.Fatal(err)
	}
	if err := mw.Close(); err != nil {
		t.Fatal(err)
	}
	return &buf, mw.FormDataContentType()
}

// loginAs logs the browser in through the login form and checks the redirect.
func (b *browser) loginAs(user, pass string) {
	b.e.t.Helper()
	rec := b.post("/login", url.Values{"username": {user}, "password": {pass}})
	if rec.Code != http.StatusSeeOther {
		b.e.t.Fatalf("login %s: %d %.300s", user, rec.Code, rec.Body)
	}
	if b.cookies["aula_session"] == nil {
		b.e.t.Fatalf("login %s: no session cookie", user)
	}
}

func newGet(path string) *http.Request { return httptest.NewRequest(http.MethodGet, path, nil) }

func newPost(path string, form url.Values) *http.Request {
	req := httptest.NewRequest(http.MethodPost, path, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	return req
}

// countingReader counts the bytes the server reads from a request body.
type countingReader struct {
	r io.Reader
	n int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}

func (c *countingReader) Close() error { return nil }

// readerOf streams head, size bytes of filler, then tail, without holding the filler in memory.
func readerOf(head []byte, size int64, tail []byte) io.Reader {
	return io.MultiReader(bytes.NewReader(head), io.LimitReader(filler{}, size), bytes.NewReader(tail))
}

type filler struct{}

func (filler) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = 'x'
	}
	return len(p), nil
}
