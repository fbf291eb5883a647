package web

import (
	"maps"

	"aula/internal/i18n"
)

// workshopMessages are the in-person workshops' messages (docs/workshops.md): scheduling,
// attendance lists, approval, paper rosters, the transcript and the reports.
var workshopMessages = i18n.Catalog{
	"workshop.unknown":             {"es": "No hay ningún taller %s.", "en": "There is no workshop %s."},
	"workshop.approved":            {"es": "Este taller ya fue aprobado: su lista no cambia más.", "en": "This workshop is already approved: its list no longer changes."},
	"workshop.changed":             {"es": "La lista del taller cambió mientras la aprobaba (llegó una sincronización): revísela y apruebe de nuevo.", "en": "The workshop's list changed while you approved it (a sync arrived): review it and approve again."},
	"workshop.no_participants":     {"es": "El taller no tiene participantes: espere la lista de la estación o cargue la planilla en papel.", "en": "The workshop has no participants: wait for the station's list or enter the paper roster."},
	"workshop.badges_unknown":      {"es": "No hay funcionarios con estas credenciales: %s.", "en": "There are no officers with these badges: %s."},
	"workshop.roster_empty":        {"es": "La planilla no trae ninguna credencial.", "en": "The roster has no badges."},
	"workshop.roster_header":       {"es": "la primera línea debe ser badge (una credencial por línea después)", "en": "the first line must be badge (one badge per line after it)"},
	"workshop.roster_other_agency": {"es": "el funcionario %s es de otro cuerpo policial: pida a un administrador que cargue esta planilla", "en": "officer %s belongs to another police force: ask an administrator to enter this roster"},
	"workshop.roster_line":         {"es": "esta línea no se puede leer como CSV", "en": "this line cannot be read as CSV"},
	"v.area":                       {"es": "Elija el área: use-of-force, human-rights, police-management u other.", "en": "Choose the area: use-of-force, human-rights, police-management or other."},
	"v.workshop_hours":             {"es": "Las horas del taller deben ser un número mayor que 0 y hasta 100.", "en": "The workshop's hours must be a number greater than 0 and up to 100."},
	"v.trainer":                    {"es": "El nombre del instructor admite hasta 100 caracteres.", "en": "The trainer's name takes up to 100 characters."},
	"tr.kind_course":               {"es": "curso", "en": "course"},
	"tr.kind_workshop":             {"es": "taller", "en": "workshop"},
	"v.workshop_status":            {"es": "El estado debe ser scheduled, closed o approved.", "en": "The status must be scheduled, closed or approved."},
}

func init() { maps.Copy(messages, workshopMessages) }
