package web

import (
	"strconv"

	"aula/courses"
)

func itoa(n int) string { return strconv.Itoa(n) }

// atoiStrict parses a positive version number from a URL.
func atoiStrict(s string) (int, error) {
	n, err := strconv.Atoi(s)
	if err != nil || n < 1 {
		return 0, courses.E(courses.NotFound, "err.no_version", s)
	}
	return n, nil
}
