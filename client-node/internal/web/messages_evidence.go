package web

import (
	"maps"

	"aula/internal/i18n"
)

func init() { maps.Copy(messages, evidenceMessages) }

// evidenceMessages are the node's strings of the Open Badges download (docs/evidence.md).
var evidenceMessages = i18n.Catalog{
	"cert.ob3":    {"es": "Descargar insignia digital (Open Badges)", "en": "Download digital badge (Open Badges)"},
	"cert.no_ob3": {"es": "La insignia digital de este certificado llega con la próxima sincronización con el centro.", "en": "This certificate's digital badge arrives with the next sync with the center."},
}
