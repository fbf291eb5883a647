package web

import (
	"maps"

	"aula/internal/i18n"
)

func init() { maps.Copy(messages, programmeMessages) }

// programmeMessages are the strings of required training on the node: the officer's course list
// and the commander's page (issue 15).
var programmeMessages = i18n.Catalog{
	"nav.station":           {"es": "Cumplimiento de la estación", "en": "Station compliance"},
	"err.commanders_only":   {"es": "Solo el comandante de la estación puede ver el cumplimiento de la formación obligatoria.", "en": "Only the station's commander can see compliance with required training."},
	"courses.required":      {"es": "Cursos obligatorios para usted", "en": "Courses required of you"},
	"courses.required_help": {"es": "Estos cursos le corresponden por su cuerpo policial, su estación o su rango. Complételos antes de la fecha indicada.", "en": "These courses are required of you by your police force, your station or your rank. Complete them before the date shown."},
	"courses.others":        {"es": "Otros cursos", "en": "Other courses"},
	"req.due":               {"es": "Obligatorio · vence el %s", "en": "Required · due by %s"},
	"req.overdue":           {"es": "Obligatorio · Vencido el %s", "en": "Required · Overdue: was due by %s"},
	"req.expiring":          {"es": "Obligatorio · Por vencer", "en": "Required · Expiring"},
	"req.compliant":         {"es": "Obligatorio · Al día", "en": "Required · Up to date"},
	"req.overdue_help":      {"es": "Hágalo cuanto antes.", "en": "Do it as soon as you can."},
	"req.expiring_when":     {"es": "Su certificado vence el %s: renuévelo antes.", "en": "Your certificate expires on %s: renew it before then."},
	"req.compliant_when":    {"es": "Certificado válido hasta el %s.", "en": "Certificate valid until %s."},

	"standing.compliant": {"es": "Al día", "en": "Compliant"},
	"standing.expiring":  {"es": "Por vencer", "en": "Expiring"},
	"standing.due":       {"es": "Pendiente", "en": "Due"},
	"standing.overdue":   {"es": "Vencido", "en": "Overdue"},

	"station.title":          {"es": "Cumplimiento de la formación obligatoria", "en": "Required training compliance"},
	"station.as_of":          {"es": "Datos al %s (última sincronización)", "en": "Data as of %s (last sync)"},
	"station.never":          {"es": "Esta estación todavía no sincronizó con el centro: aún no conoce la formación obligatoria.", "en": "This station has not synced with the center yet: it does not know the required training yet."},
	"station.none":           {"es": "No hay formación obligatoria para esta estación.", "en": "No training is required at this station."},
	"station.bar_label":      {"es": "Estados de la formación obligatoria en la estación", "en": "Required training statuses at the station"},
	"station.officers.one":   {"es": "1 funcionario.", "en": "1 officer."},
	"station.officers.other": {"es": "%d funcionarios.", "en": "%d officers."},
	"station.help":           {"es": "La fecha es el plazo: para quien no tiene el curso, hasta cuándo debe hacerlo; para quien lo tiene, cuándo vence su certificado. Los resultados obtenidos en esta estación ya están incluidos.", "en": "The date is the deadline: for those without the course, when it must be done by; for those with it, when their certificate expires. Results obtained at this station are already included."},
	"station.search":         {"es": "Buscar", "en": "Search"},
	"station.search_hint":    {"es": "credencial o nombre", "en": "badge or name"},
	"station.status":         {"es": "Estado", "en": "Status"},
	"station.course":         {"es": "Curso", "en": "Course"},
	"station.rank":           {"es": "Rango", "en": "Rank"},
	"station.all":            {"es": "Todos", "en": "All"},
	"station.filter":         {"es": "Filtrar", "en": "Filter"},
	"station.clear":          {"es": "Quitar filtros", "en": "Clear filters"},
	"station.print":          {"es": "Imprimir", "en": "Print"},
	"station.csv":            {"es": "Descargar tabla (CSV)", "en": "Download table (CSV)"},
	"station.no_match":       {"es": "Ningún funcionario cumple con el filtro elegido.", "en": "No officer matches the chosen filter."},
	"station.officer":        {"es": "Funcionario", "en": "Officer"},
	"station.na":             {"es": "no aplica", "en": "not required"},
	"station.page":           {"es": "Página %d de %d", "en": "Page %d of %d"},

	"station.csv_badge":       {"es": "Credencial", "en": "Badge"},
	"station.csv_family":      {"es": "Apellidos", "en": "Family names"},
	"station.csv_given":       {"es": "Nombres", "en": "Given names"},
	"station.csv_rank":        {"es": "Rango", "en": "Rank"},
	"station.csv_course":      {"es": "Curso", "en": "Course"},
	"station.csv_requirement": {"es": "Requisito", "en": "Requirement"},
	"station.csv_status":      {"es": "Estado", "en": "Status"},
	"station.csv_due":         {"es": "Plazo", "en": "Due"},
	"station.csv_completed":   {"es": "Completado", "en": "Completed"},
	"station.csv_expires":     {"es": "Vence", "en": "Expires"},
}
