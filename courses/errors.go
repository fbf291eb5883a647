package courses

import (
	"errors"
	"fmt"
)

// Code classifies an error for the person who caused it. Apps map codes to HTTP statuses in one
// place; anything without a code is internal.
type Code string

// Error codes.
const (
	Invalid      Code = "invalid"
	NotFound     Code = "not_found"
	Conflict     Code = "conflict"
	Unauthorized Code = "unauthorized"
	Forbidden    Code = "forbidden"
	TooMany      Code = "too_many"
	Internal     Code = "internal"
)

// Error is Aula's domain error: a code, a message a person can act on, and optional per-field
// messages for forms and JSON validation errors.
type Error struct {
	Code    Code
	Message string
	Fields  map[string]string
}

// Error returns the message.
func (e *Error) Error() string { return e.Message }

// Errorf returns an *Error with a formatted message.
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
