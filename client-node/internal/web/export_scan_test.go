package web

import "aula/internal/i18n"

// Catalog is the node's message catalog, for the page scanner (scan_test.go).
func Catalog() i18n.Catalog { return messages }
