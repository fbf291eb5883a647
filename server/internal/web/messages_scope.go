package web

import (
	"maps"

	"aula/internal/i18n"
)

// scopeMessages are the messages of a coordinator's scope (docs/programme.md, "Roles and
// scopes") and of the requirement commands.
var scopeMessages = i18n.Catalog{
	"roster.station_other_agency": {"es": "la estación %s es de otro cuerpo policial: importe solo funcionarios de las estaciones de su cuerpo",
		"en": "station %s belongs to another agency: import only officers of your agency's stations"},
	"roster.badge_other_agency": {"es": "el funcionario %s pertenece a una estación de otro cuerpo policial: pida a su coordinador o a un administrador que lo traslade",
		"en": "officer %s belongs to another agency's station: ask its coordinator or an administrator to move him"},
	"officer.move_other_agency": {"es": "La estación %s es de otro cuerpo policial: solo puede trasladar funcionarios entre las estaciones de su cuerpo.",
		"en": "Station %s belongs to another agency: you can move officers only between your agency's stations."},
	"cert.other_agency": {"es": "El funcionario %s es de otro cuerpo policial: solo puede emitir certificados a funcionarios de su cuerpo.",
		"en": "Officer %s belongs to another agency: you can issue certificates only to your agency's officers."},
	"cli.requirement_created": {"es": "Formación obligatoria %d creada: %s", "en": "Required training %d added: %s"},
	"cli.requirement_none":    {"es": "No hay formación obligatoria vigente.", "en": "There is no required training in force."},
	"v.due_flags":             {"es": "Indique --due-date AAAA-MM-DD o --due-days N, no ambos.", "en": "Give --due-date YYYY-MM-DD or --due-days N, not both."},
}

func init() { maps.Copy(messages, scopeMessages) }
