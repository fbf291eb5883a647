package pgdb

import "strings"

// Rebind rewrites the ? placeholders of q as PostgreSQL's $1, $2, … in order (a numbered ?N as
// $N, the same parameter again), leaving alone a ?
// inside a quoted string ('…'), a quoted name ("…"), a dollar-quoted body ($$…$$) or a comment.
// The store's SQL is written once with ?, as SQLite takes it; the driver rebinds every statement
// on its way to PostgreSQL.
func Rebind(q string) string {
	if !strings.Contains(q, "?") {
		return q
	}
	var b strings.Builder
	b.Grow(len(q) + 16)
	n := 0
	for i := 0; i < len(q); i++ {
		c := q[i]
		switch {
		case c == '?':
			b.WriteByte('$')
			if i+1 < len(q) && q[i+1] >= '0' && q[i+1] <= '9' {
				continue // ?N: the digits follow as they are
			}
			n++
			b.WriteString(itoa(n))
			continue
		case c == '\'' || c == '"':
			end := closing(q, i+1, string(c))
			b.WriteString(q[i:end])
			i = end - 1
			continue
		case c == '-' && i+1 < len(q) && q[i+1] == '-':
			end := closing(q, i+2, "\n")
			b.WriteString(q[i:end])
			i = end - 1
			continue
		case c == '/' && i+1 < len(q) && q[i+1] == '*':
			end := closing(q, i+2, "*/")
			b.WriteString(q[i:end])
			i = end - 1
			continue
		case c == '$' && i+1 < len(q) && q[i+1] == '$':
			end := closing(q, i+2, "$$")
			b.WriteString(q[i:end])
			i = end - 1
			continue
		}
		b.WriteByte(c)
	}
	return b.String()
}

// closing returns the index just past the first delim in q at or after from (len(q) if none).
// A doubled quote inside a quoted string ('it”s') reads as its end and its start again, which
// copies it unchanged all the same.
func closing(q string, from int, delim string) int {
	if from > len(q) {
		return len(q)
	}
	k := strings.Index(q[from:], delim)
	if k < 0 {
		return len(q)
	}
	return from + k + len(delim)
}

func itoa(n int) string {
	if n < 10 {
		return string(rune('0' + n))
	}
	return itoa(n/10) + string(rune('0'+n%10))
}
