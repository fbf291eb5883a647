// Package states lists the federal entities of Venezuela a station can be in: the 23 states and
// the Distrito Capital, in alphabetical order, spelled as the forms offer them.
package states

import "slices"

// Names are the 24 federal entities (Distrito Capital and the 23 states).
var Names = []string{
	"Amazonas", "Anzoátegui", "Apure", "Aragua", "Barinas", "Bolívar", "Carabobo", "Cojedes",
	"Delta Amacuro", "Distrito Capital", "Falcón", "Guárico", "La Guaira", "Lara", "Mérida",
	"Miranda", "Monagas", "Nueva Esparta", "Portuguesa", "Sucre", "Táchira", "Trujillo",
	"Yaracuy", "Zulia",
}

// Known reports whether name is one of Names (exactly as spelled there).
func Known(name string) bool { return slices.Contains(Names, name) }
