package courses

import (
	"errors"
	"fmt"
	"strings"
)

// Code classifies an error for the person who caused it. Apps map codes to HTTP statuses in one
// place (HTTPStatus); anything without a code is internal.
type Code string

// Error codes.
const (
	Invalid      Code = "invalid"
	Malformed    Code = "malformed" // a request that cannot be read (bad JSON, not a form)
	NotFound     Code = "not_found"
	Conflict     Code = "conflict"
	Unauthorized Code = "unauthorized"
	Forbidden    Code = "forbidden"
	TooMany      Code = "too_many"
	Internal     Code = "internal"
)

// Error is Aula's domain error: a code, a message id with its arguments (translated at the edge
// by each app's catalog, in the user's language), and optional per-field message ids for forms
// and JSON validation errors. Errors made with Errorf carry an English Message and no id; they
// are for operators (logs, the command line) and tests, never for a page.
type Error struct {
	Code    Code
	ID      string         // message id, e.g. "station.exists"; its stable name in the API
	Args    []any          // arguments of the message
	Message string         // text of an error without an id
	Fields  map[string]Msg // field name → its message
}

// Msg is a message id with its arguments, translated at the edge.
type Msg struct {
	ID   string
	Args []any
}

// M returns a Msg.
func M(id string, args ...any) Msg { return Msg{ID: id, Args: args} }

// Error returns the message, or the message id with its arguments when the error has an id (the
// edge translates it; this form is only seen in logs).
func (e *Error) Error() string {
	if e.ID == "" {
		return e.Message
	}
	if len(e.Args) == 0 {
		return e.ID
	}
	parts := make([]string, len(e.Args))
	for i, a := range e.Args {
		parts[i] = fmt.Sprint(a)
	}
	return e.ID + " (" + strings.Join(parts, ", ") + ")"
}

// E returns an *Error with a message id and its arguments.
func E(code Code, id string, args ...any) *Error {
	return &Error{Code: code, ID: id, Args: args}
}

// InvalidFields returns an Invalid error with a message per field (err.invalid overall).
func InvalidFields(fields map[string]Msg) *Error {
	return &Error{Code: Invalid, ID: "err.invalid", Fields: fields}
}

// Errorf returns an *Error with a formatted English message and no id.
func Errorf(code Code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// ErrorCode returns the code of err, or Internal when err is not a domain error.
func ErrorCode(err error) Code {
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return Internal
}

// HTTPStatus maps an error to the HTTP status both apps answer with: the one place where domain
// error codes become statuses. Errors without a code are 500.
func HTTPStatus(err error) int {
	switch ErrorCode(err) {
	case Invalid:
		return 422
	case Malformed:
		return 400
	case NotFound:
		return 404
	case Conflict:
		return 409
	case Unauthorized:
		return 401
	case Forbidden:
		return 403
	case TooMany:
		return 429
	}
	return 500
}
