package web

import (
	"regexp"

	"aula/sync/certificate"
)

// A record set aside during sync keeps the reason the center wrote then, in English: the same
// text goes back to the node in its reply (which reads a certificate's refusal code out of it,
// certificate.RefusalCode), and is what an API client or a log sees. The Sync rejects page shows
// it in the reader's language: each reason the center writes has a pattern here and a message
// (reject.*); a reason from an older release that matches none is shown as it was written.
var rejectReasons = []struct {
	re *regexp.Regexp
	id string
}{
	{regexp.MustCompile(`^officer (\S+) has never been on this station's roster$`), "reject.officer"},
	{regexp.MustCompile(`^attempt (\S+) was already received from node (\S+)$`), "reject.attempt_twice"},
	{regexp.MustCompile(`^certificate (\S+) \(code (\S+)\) was already received$`), "reject.cert_twice"},
	{regexp.MustCompile(`^course (\S+) version (\d+) is not published on this center$`), "reject.course"},
	{regexp.MustCompile(`^malformed attempt$`), "reject.malformed"},
	{regexp.MustCompile(`^certificate (\S+) was issued by node "(.*)", not by the node that sent it$`), "reject.cert_node"},
	{regexp.MustCompile(`^unknown record kind "(.*)"`), "reject.kind"},
	{regexp.MustCompile(`^lesson reading refused: course (\S+) has no lesson "(.*)" published on this center$`), "reject.lesson"},
	{regexp.MustCompile(`^lesson reading refused: the badge`), "reject.lesson_ids"},
	{regexp.MustCompile(`^certificate refused: `), "refused.signature"},
	{regexp.MustCompile(`^node event (\d+) does not match its hash`), "reject.event_content"},
	{regexp.MustCompile(`^node event (\d+) does not follow the station's previous event`), "reject.event_link"},
}

// rejectReason returns a set-aside record's reason in lang.
func rejectReason(lang, reason string) string {
	if code := certificate.RefusalCode(reason); code != "" {
		if _, ok := messages["refused."+code]; ok {
			return messages.T(lang, "reject.certificate", messages.T(lang, "refused."+code))
		}
	}
	for _, r := range rejectReasons {
		if m := r.re.FindStringSubmatch(reason); m != nil {
			args := make([]any, len(m)-1)
			for i, s := range m[1:] {
				args[i] = s
			}
			return messages.T(lang, r.id, args...)
		}
	}
	return reason
}

// recordKind names a pushed record's kind in lang (attempt, lesson reading, certificate), or
// shows an unknown kind as the node wrote it.
func recordKind(lang, kind string) string {
	if _, ok := messages["kind."+kind]; ok {
		return messages.T(lang, "kind."+kind)
	}
	return kind
}

func init() {
	for id, m := range map[string]map[string]string{
		"reject.officer":       {"es": "El funcionario %s nunca figuró en la lista de esta estación.", "en": "Officer %s has never been on this station's roster."},
		"reject.attempt_twice": {"es": "Este intento ya se había recibido de otro nodo: no se aplicó dos veces.", "en": "This attempt was already received from another node: it was not applied twice."},
		"reject.cert_twice":    {"es": "El certificado con código %[2]s ya se había recibido.", "en": "The certificate with code %[2]s was already received."},
		"reject.course":        {"es": "El curso %s versión %s no está publicado en este centro.", "en": "Course %s version %s is not published on this center."},
		"reject.malformed":     {"es": "Intento mal formado: no se pudo leer.", "en": "Malformed attempt: it could not be read."},
		"reject.cert_node":     {"es": "El certificado %[1]s lo emitió otro nodo, no el que lo envió.", "en": "Certificate %[1]s was issued by another node, not by the one that sent it."},
		"reject.kind":          {"es": "Tipo de registro desconocido «%s»: actualice el centro.", "en": "Unknown record kind %q: upgrade the center."},
		"reject.lesson":        {"es": "Lectura de lección rechazada: el curso %s no tiene publicada la lección «%s».", "en": "Lesson reading refused: course %s has no lesson %q published on this center."},
		"reject.lesson_ids":    {"es": "Lectura de lección rechazada: la credencial, el curso o la lección está vacío, es demasiado largo o está mal formado.", "en": "Lesson reading refused: the badge, course or lesson id is empty, too long or malformed."},
		"reject.certificate":   {"es": "Certificado rechazado: %s", "en": "Certificate refused: %s"},
		"kind.attempt":         {"es": "intento", "en": "attempt"},
		"kind.lesson_read":     {"es": "lectura de lección", "en": "lesson reading"},
		"kind.certificate":     {"es": "certificado", "en": "certificate"},
		"kind.node_event":      {"es": "evento de la estación", "en": "station event"},
		"reject.event_content": {"es": "El evento %s del registro encadenado de la estación no coincide con su huella: fue modificado en la estación.", "en": "Event %s of the station's chained log does not match its hash: it was edited at the station."},
		"reject.event_link":    {"es": "El evento %s del registro encadenado de la estación no sigue al anterior: se quitó, insertó o reencadenó un evento.", "en": "Event %s of the station's chained log does not follow the one before it: an event was removed, inserted or re-chained."},
	} {
		messages[id] = m
	}
}
