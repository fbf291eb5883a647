// Package webedge is where both web layers turn errors into answers: one mapping from an error to
// its HTTP status, its message in the request's language and its stable code, and one strict JSON
// decoder. The messages it needs are in Messages, which each app's catalog includes.
package webedge

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"

	"github.com/labstack/echo/v4"

	"aula/courses"
	"aula/internal/i18n"
)

// Messages are the texts of the errors this package answers with itself.
var Messages = i18n.Catalog{
	"err.internal":  {"es": "Error interno del servidor. Se registró para el equipo técnico.", "en": "Internal server error. It has been logged for the technical team."},
	"err.invalid":   {"es": "Revise los campos marcados.", "en": "Check the marked fields."},
	"err.json":      {"es": "El cuerpo de la solicitud no es JSON válido: %s", "en": "The request body is not valid JSON: %s"},
	"err.trailing":  {"es": "el cuerpo de la solicitud tiene datos después del objeto JSON", "en": "the request body has data after the JSON object"},
	"err.too_large": {"es": "El archivo o la solicitud es demasiado grande.", "en": "The file or request is too large."},
	"err.not_found": {"es": "No se encontró la página o el recurso solicitado.", "en": "The page or resource was not found."},
	"err.method":    {"es": "Esta dirección no admite ese método.", "en": "This address does not accept that method."},
	"err.csrf":      {"es": "El formulario venció o no viene de esta página. Vuelva a cargar la página e intente de nuevo.", "en": "The form expired or did not come from this page. Reload the page and try again."},
	"err.request":   {"es": "La solicitud no es válida (%d).", "en": "The request is not valid (%d)."},
}

// Include adds Messages to an app's catalog (ids the app defines itself are kept).
func Include(c i18n.Catalog) i18n.Catalog {
	for id, m := range Messages {
		if _, ok := c[id]; !ok {
			c[id] = m
		}
	}
	return c
}

// Reply is how an error is answered.
type Reply struct {
	Status  int               // HTTP status
	Message string            // in the request's language
	Code    string            // stable id for API clients: a message id, or a courses.Code
	Fields  map[string]string // per-field messages, in the request's language
}

// Describe maps err to its answer in lang: the one place where errors become HTTP statuses and
// messages. Internal errors (status 500 and above) get a generic message; the caller logs them.
func Describe(cat i18n.Catalog, lang string, err error) Reply {
	var he *echo.HTTPError
	if errors.As(err, &he) {
		return describeHTTP(cat, lang, he)
	}
	r := Reply{Status: courses.HTTPStatus(err), Message: cat.Error(lang, err), Code: i18n.ErrorID(err), Fields: cat.Fields(lang, err)}
	if r.Status >= 500 {
		r = Reply{Status: r.Status, Message: cat.T(lang, "err.internal"), Code: string(courses.Internal)}
	}
	return r
}

// describeHTTP answers echo's own errors (routing, body limit, CSRF) with a message id.
func describeHTTP(cat i18n.Catalog, lang string, he *echo.HTTPError) Reply {
	var de *courses.Error
	if e, ok := he.Message.(error); ok && errors.As(e, &de) {
		return Reply{Status: he.Code, Message: cat.Error(lang, de), Code: i18n.ErrorID(de), Fields: cat.Fields(lang, de)}
	}
	msg := strings.ToLower(fmt.Sprint(he.Message))
	id := ""
	switch {
	case he.Code >= 500:
		id = "err.internal"
	case he.Code == http.StatusRequestEntityTooLarge:
		id = "err.too_large"
	case he.Code == http.StatusNotFound:
		id = "err.not_found"
	case he.Code == http.StatusMethodNotAllowed:
		id = "err.method"
	// echo's CSRF errors: "invalid csrf token" (403), "cross-site request blocked by CSRF" (403),
	// "missing csrf token in the form parameter" (400).
	case (he.Code == http.StatusForbidden || he.Code == http.StatusBadRequest) && strings.Contains(msg, "csrf"):
		id = "err.csrf"
	}
	if id == "" {
		if m, ok := he.Message.(string); ok && m != "" && m != http.StatusText(he.Code) {
			return Reply{Status: he.Code, Message: m, Code: "err.request"} // a text the app gave
		}
		return Reply{Status: he.Code, Message: cat.T(lang, "err.request", he.Code), Code: "err.request"}
	}
	return Reply{Status: he.Code, Message: cat.T(lang, id), Code: id}
}

// JSONError is the body of an API error.
type JSONError struct {
	Error  string            `json:"error"`            // in the request's language
	Code   string            `json:"code"`             // stable id
	Fields map[string]string `json:"fields,omitempty"` // per-field messages
}

// JSON is the body of an API error: {"error": message, "code": stable id, "fields": {...}}.
func (r Reply) JSON() JSONError { return JSONError{r.Message, r.Code, r.Fields} }

// BindJSON decodes a JSON body strictly: unknown fields and trailing data are errors (400, code
// err.json), a body over the limit is 413.
func BindJSON(c echo.Context, v any) error {
	dec := json.NewDecoder(c.Request().Body)
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		if tooLarge(err) {
			return echo.NewHTTPError(http.StatusRequestEntityTooLarge)
		}
		return courses.E(courses.Malformed, "err.json", err.Error())
	}
	if dec.More() {
		return courses.E(courses.Malformed, "err.json", courses.E(courses.Malformed, "err.trailing"))
	}
	return nil
}

// ReadBody reads a request body (already bounded by the body limit middleware).
func ReadBody(c echo.Context) ([]byte, error) {
	data, err := io.ReadAll(c.Request().Body)
	if err != nil {
		return nil, echo.NewHTTPError(http.StatusRequestEntityTooLarge)
	}
	return data, nil
}

// tooLarge reports whether a read failed on the body limit: the body limit middleware fails reads
// with a 413 HTTPError, net/http with a MaxBytesError.
func tooLarge(err error) bool {
	var mbe *http.MaxBytesError
	var he *echo.HTTPError
	return errors.As(err, &mbe) || errors.As(err, &he) && he.Code == http.StatusRequestEntityTooLarge
}
