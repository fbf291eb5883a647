package web

import (
	"maps"

	"aula/internal/i18n"
)

// polishMessages are the words of the grouped navigation, of the analysis page's links to the
// studio and of the pages' spreadsheet downloads.
var polishMessages = i18n.Catalog{
	"nav.sub":                {"es": "Páginas de la sección", "en": "Pages of this section"},
	"nav.programme":          {"es": "Programa", "en": "Programme"},
	"nav.records":            {"es": "Registros", "en": "Records"},
	"nav.admin":              {"es": "Administración", "en": "Administration"},
	"nav.requirements":       {"es": "Formación obligatoria", "en": "Required training"},
	"nav.approvals":          {"es": "Aprobaciones", "en": "Approvals"},
	"nav.rejects":            {"es": "Rechazos de sincronización", "en": "Sync rejects"},
	"analysis.edit_in_draft": {"es": "Editar en el borrador", "en": "Edit in the draft"},
	"analysis.start_draft":   {"es": "Editar en un borrador", "en": "Edit in a draft"},
	"wsp.col.id":             {"es": "Identificador", "en": "ID"},
	"v.page":                 {"es": "page debe ser un número de página desde 1, no %q.", "en": "page must be a page number from 1, not %q."},
}

func init() { maps.Copy(messages, polishMessages) }
