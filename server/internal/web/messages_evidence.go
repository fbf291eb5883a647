package web

import (
	"maps"

	"aula/internal/i18n"
)

// evidenceMessages are the audit trail's, the evidence bundle's and the credentials' messages
// (docs/evidence.md).
var evidenceMessages = i18n.Catalog{
	"audit.broken_content":   {"es": "la entrada %d del registro de auditoría fue modificada: su contenido no coincide con su hash", "en": "audit entry %d was edited: its content does not match its hash"},
	"audit.broken_link":      {"es": "la entrada %d del registro de auditoría no enlaza con la anterior: se quitó, insertó o re-encadenó una entrada", "en": "audit entry %d does not link to the one before it: an entry was removed, inserted or re-chained"},
	"audit.rewritten":        {"es": "historia reescrita: la estación vio la entrada %d con hash %s firmada por este centro, y la cadena ahora tiene %s: se cambió una entrada en o antes de ella", "en": "history rewritten: the station saw entry %d with hash %s signed by this center, and the chain now has %s: an entry at or before it was changed"},
	"audit.rewritten_gone":   {"es": "historia reescrita: la estación vio la entrada %d (hash %s) firmada por este centro, y la cadena ya no la tiene", "en": "history rewritten: the station saw entry %d (hash %s) signed by this center, and the chain no longer has it"},
	"audit.head_signature":   {"es": "una cabeza del archivo no está firmada por la clave de este centro (%v)", "en": "a head in the file is not signed by this center's key (%v)"},
	"audit.heads_unreadable": {"es": "no es un archivo de cabezas de auditoría: %v", "en": "not an audit heads file: %v"},
	"audit.heads_ok":         {"es": "las %d cabezas firmadas de %s coinciden con la cadena", "en": "the %d signed heads in %s match the chain"},
	"audit.nodes":            {"es": "Registros de las estaciones", "en": "Station logs"},
	"audit.nodes_help":       {"es": "Cada estación lleva su propio registro encadenado de ingresos, intentos y certificados; el centro lo comprueba al recibirlo.", "en": "Each station keeps its own chained log of logins, attempts and certificates; the center checks it on arrival."},
	"audit.node_intact":      {"es": "Estación %s: %d eventos, cadena íntegra", "en": "Station %s: %d events, chain intact"},
	"audit.node_broken":      {"es": "Estación %s: %d eventos, cadena rota desde el evento %d (ver Rechazos de sincronización)", "en": "Station %s: %d events, chain broken at event %d (see Sync rejects)"},
	"audit.checked":          {"es": "Comprobada el", "en": "Checked on"},
	"audit.check_now":        {"es": "Comprobar ahora", "en": "Check now"},
	"audit.title":            {"es": "Registro de auditoría", "en": "Audit trail"},
	"audit.help":             {"es": "Cada acción administrativa y cada lote sincronizado queda aquí, encadenado: cada entrada lleva el hash de la anterior, así que cambiar o borrar una rompe la cadena. Las estaciones guardan cabezas firmadas de la cadena.", "en": "Every administrative action and every synced batch is here, chained: each entry carries the previous one's hash, so changing or removing one breaks the chain. The stations keep signed heads of the chain."},
	"audit.intact":           {"es": "Cadena íntegra: %d entradas; cabeza", "en": "Chain intact: %d entries; head"},
	"audit.broken":           {"es": "La cadena está rota:", "en": "The chain is broken:"},
	"audit.action":           {"es": "Acción", "en": "Action"},
	"audit.badge":            {"es": "Credencial del funcionario", "en": "Officer's badge"},
	"audit.csv":              {"es": "Descargar estas entradas (CSV)", "en": "Download these entries (CSV)"},
	"audit.at":               {"es": "Fecha", "en": "Date"},
	"audit.actor":            {"es": "Quién", "en": "Who"},
	"audit.object":           {"es": "Objeto", "en": "Object"},
	"audit.details":          {"es": "Detalle", "en": "Details"},
	"audit.hash":             {"es": "Hash", "en": "Hash"},
	"audit.none":             {"es": "No hay entradas con estos filtros.", "en": "No entries match these filters."},
	"nav.audit":              {"es": "Auditoría", "en": "Audit"},
	"v.audit_after":          {"es": "after debe ser un número de entrada (0 o mayor).", "en": "after must be an entry number (0 or more)."},
	"v.audit_limit":          {"es": "limit debe ser un número mayor que 0.", "en": "limit must be a number greater than 0."},
	"ob3.not_confirmed":      {"es": "El certificado %s todavía no fue confirmado por el centro: su insignia Open Badges estará disponible cuando lo esté.", "en": "Certificate %s is not confirmed by the center yet: its Open Badges credential will be available once it is."},
	"ob3.no_list":            {"es": "No hay ninguna lista de estado %s.", "en": "There is no status list %s."},
	"ob3.course_description": {"es": "Aprobó el curso «%s» (versión %d) de Aula: %s horas de formación.", "en": "Passed the Aula course “%s” (version %d): %s training hours."},
	"ob3.course_criteria":    {"es": "Aprobar la evaluación del curso «%s», versión %d, en una estación de Aula.", "en": "Pass the assessment of the course “%s”, version %d, at an Aula station."},
	"ob3.other_description":  {"es": "Formación «%s»: %s horas, certificada por %s.", "en": "Training “%s”: %s hours, certified by %s."},
	"ob3.other_criteria":     {"es": "Completar la formación «%s» con la asistencia o las horas requeridas.", "en": "Complete the training “%s” with the attendance or hours required."},
	"cert.ob3":               {"es": "Insignia (Open Badges 3.0)", "en": "Badge (Open Badges 3.0)"},
	"evidence.altered":       {"es": "la evidencia NO está íntegra: %s: %s", "en": "the evidence is NOT intact: %s: %s"},
	"evidence.intact":        {"es": "evidencia íntegra: credencial %s, %d archivos, %d certificados, %d entradas de auditoría en la cadena firmada hasta la cabeza %d", "en": "evidence intact: badge %s, %d files, %d certificates, %d audit entries in the signed chain up to head %d"},
	"evidence.fingerprint":   {"es": "huella de la clave del centro: %s (compárela con la que publica el centro)", "en": "center key fingerprint: %s (compare it with the one the center publishes)"},
	"xapi.exported":          {"es": "%d declaraciones xAPI escritas en %s (una por línea)", "en": "%d xAPI statements written to %s (one per line)"},
}

func init() { maps.Copy(messages, evidenceMessages) }
