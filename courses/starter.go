package courses

import (
	"embed"
	"io/fs"
)

// The starter courses live in catalog/, one folder each, so that `aula-server course lint
// courses/catalog/*` sees only course folders; they are embedded here because go:embed cannot
// reach into a parent folder.
//
//go:embed catalog
var starter embed.FS

// StarterNames lists the starter courses in the order a new center publishes them.
var StarterNames = []string{"uso-de-la-fuerza", "derechos-humanos-funcion-policial", "gestion-policial-basada-en-evidencia"}

// StarterCourse returns the files of one starter course.
func StarterCourse(name string) (fs.FS, error) { return fs.Sub(starter, "catalog/"+name) }
