package web

import (
	"maps"

	"aula/internal/i18n"
)

// programmeMessages are the programme's messages (docs/programme.md): agencies, roles,
// commanders, requirements and compliance reports.
var programmeMessages = i18n.Catalog{
	"role.coordinator":           {"es": "coordinador", "en": "coordinator"},
	"role.auditor":               {"es": "auditor", "en": "auditor"},
	"v.agency_code":              {"es": "El código del cuerpo debe tener de 1 a 20 letras, cifras o guiones, p. ej. CPNB.", "en": "The agency code must be 1 to 20 letters, digits or dashes, e.g. CPNB."},
	"v.agency_name":              {"es": "Escriba el nombre del cuerpo (hasta 200 caracteres).", "en": "Type the agency's name (up to 200 characters)."},
	"v.agency_required":          {"es": "Un coordinador necesita su cuerpo: indique --agency CÓDIGO.", "en": "A coordinator needs an agency: give --agency CODE."},
	"v.agency_only_coordinator":  {"es": "Solo un coordinador pertenece a un cuerpo: quite el cuerpo o elija el rol coordinador.", "en": "Only a coordinator belongs to an agency: leave the agency out or choose the coordinator role."},
	"v.state":                    {"es": "El estado puede tener hasta 100 caracteres.", "en": "The state can be up to 100 characters."},
	"v.due_rule":                 {"es": "Indique una fecha límite (due_date) o un plazo en días (due_days), no ambos.", "en": "Give a due date (due_date) or a number of days (due_days), not both."},
	"v.due_days":                 {"es": "El plazo debe ser de 1 a 3650 días.", "en": "The number of days must be 1 to 3650."},
	"v.due_date":                 {"es": "La fecha límite debe escribirse AAAA-MM-DD, p. ej. 2027-01-15.", "en": "The due date must be written YYYY-MM-DD, e.g. 2027-01-15."},
	"v.window_days":              {"es": "El aviso de vencimiento debe ser de 0 a 3650 días.", "en": "The expiry window must be 0 to 3650 days."},
	"v.rank":                     {"es": "El rango puede tener hasta 60 caracteres.", "en": "The rank can be up to 60 characters."},
	"v.status":                   {"es": "El estado debe ser compliant, expiring, due u overdue.", "en": "The status must be compliant, expiring, due or overdue."},
	"v.summary_by":               {"es": "Agrupe por state, agency, station, rank o course.", "en": "Group by state, agency, station, rank or course."},
	"v.coverage_by":              {"es": "Agrupe por state o agency.", "en": "Group by state or agency."},
	"v.export_format":            {"es": "El formato debe ser csv o xlsx (o nada, para JSON).", "en": "The format must be csv or xlsx (or none, for JSON)."},
	"v.number":                   {"es": "Escriba un número entero positivo.", "en": "Type a positive whole number."},
	"agency.exists":              {"es": "Ya existe un cuerpo con el código %s.", "en": "An agency with code %s already exists."},
	"agency.unknown":             {"es": "No hay ningún cuerpo con el código %s: regístrelo primero con agency add.", "en": "There is no agency with code %s: add it first with agency add."},
	"commander.not_at_station":   {"es": "El funcionario %s no pertenece a la estación %s: solo un funcionario de la estación puede ser su comandante.", "en": "Officer %s does not belong to station %s: only an officer of the station can be its commander."},
	"requirement.unknown":        {"es": "No hay ninguna formación obligatoria vigente con el número %v.", "en": "There is no required training in force with number %v."},
	"requirement.course_unknown": {"es": "No hay ningún curso publicado con el id %s.", "en": "There is no published course with id %s."},
	"requirement.station_agency": {"es": "La estación %s no pertenece al cuerpo %s.", "en": "Station %s does not belong to agency %s."},
	"requirement.other_agency":   {"es": "Un coordinador solo gestiona la formación obligatoria de su propio cuerpo.", "en": "A coordinator manages only his own agency's required training."},
	"cli.agency_created":         {"es": "Cuerpo %s registrado: %s", "en": "Agency %s added: %s"},
	"cli.commander_set":          {"es": "%s es ahora comandante de la estación %s; su nodo lo sabrá en la próxima sincronización.", "en": "%s now commands station %s; its node learns it at its next sync."},
	"cli.commander_removed":      {"es": "%s ya no es comandante de la estación %s.", "en": "%s no longer commands station %s."},
}

func init() { maps.Copy(messages, programmeMessages) }
