package store

import (
	"fmt"
	"hash"
	"math"
	"strconv"
)

// convert returns a value read from SQLite (int64, float64, string, []byte or nil) as the Go
// value of a PostgreSQL column of type typ, so that COPY writes it and both sides hash alike.
func convert(v any, typ string) (any, error) {
	if v == nil {
		return nil, nil
	}
	switch typ {
	case "bigint", "integer", "smallint":
		switch x := v.(type) {
		case int64:
			return x, nil
		case float64:
			if x == math.Trunc(x) && math.Abs(x) < 1<<62 {
				return int64(x), nil
			}
		case string:
			if n, err := strconv.ParseInt(x, 10, 64); err == nil {
				return n, nil
			}
		}
	case "double precision", "real":
		switch x := v.(type) {
		case float64:
			return x, nil
		case int64:
			return float64(x), nil
		case string:
			if f, err := strconv.ParseFloat(x, 64); err == nil {
				return f, nil
			}
		}
	case "text", "character varying":
		switch x := v.(type) {
		case string:
			return x, nil
		case []byte:
			return string(x), nil
		case int64:
			return strconv.FormatInt(x, 10), nil
		case float64:
			return strconv.FormatFloat(x, 'g', -1, 64), nil
		}
	case "bytea":
		switch x := v.(type) {
		case []byte:
			return x, nil
		case string:
			return []byte(x), nil
		}
	case "boolean":
		if x, ok := v.(int64); ok {
			return x != 0, nil
		}
	default:
		return nil, fmt.Errorf("column type %s: not one the center uses", typ)
	}
	return nil, fmt.Errorf("%w for %s: %T %.40v", errType, typ, v, v)
}

// canonical writes one row to h in a form that depends on its values only: a tag per type, a
// length before every string, a newline after the row.
func canonical(h hash.Hash, row []any) {
	var b []byte
	for _, v := range row {
		switch x := v.(type) {
		case nil:
			b = append(b, 'N')
		case int64:
			b = append(b, 'i')
			b = strconv.AppendInt(b, x, 10)
		case float64:
			b = append(b, 'f')
			b = strconv.AppendFloat(b, x, 'g', -1, 64)
		case bool:
			b = append(b, 'b')
			b = strconv.AppendBool(b, x)
		case string:
			b = append(b, 's')
			b = strconv.AppendInt(b, int64(len(x)), 10)
			b = append(b, ':')
			b = append(b, x...)
		case []byte:
			b = append(b, 'x')
			b = strconv.AppendInt(b, int64(len(x)), 10)
			b = append(b, ':')
			b = append(b, x...)
		default:
			b = fmt.Appendf(b, "?%T:%v", x, x)
		}
		b = append(b, ';')
	}
	b = append(b, '\n')
	h.Write(b)
}
