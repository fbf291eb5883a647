package web

import (
	"maps"

	"aula/internal/i18n"
)

// staffMessages are the staff pages' counted messages (id.one / id.other, see i18n.N), the
// revocation and course upload steps, the approval review and the enrollment code.
var staffMessages = i18n.Catalog{
	// Counted messages: one form for 1, the other for 0, 2 and more.
	"certs.issued.one":           {"es": "%d certificado emitido; llegará a la estación del funcionario en la próxima sincronización.", "en": "%d certificate issued; it reaches the officer's station at its next sync."},
	"certs.issued.other":         {"es": "%d certificados emitidos; llegarán a la estación de cada funcionario en la próxima sincronización.", "en": "%d certificates issued; they reach each officer's station at its next sync."},
	"approvals.approved.one":     {"es": "%d intento aprobado", "en": "%d attempt approved"},
	"approvals.approved.other":   {"es": "%d intentos aprobados", "en": "%d attempts approved"},
	"approvals.rejected.one":     {"es": "%d intento rechazado", "en": "%d attempt rejected"},
	"approvals.rejected.other":   {"es": "%d intentos rechazados", "en": "%d attempts rejected"},
	"approvals.done":             {"es": "%s y %s.", "en": "%s and %s."},
	"approvals.done_one":         {"es": "%s.", "en": "%s."},
	"import.new.one":             {"es": "%d nuevo", "en": "%d new"},
	"import.new.other":           {"es": "%d nuevos", "en": "%d new"},
	"import.updated.one":         {"es": "%d actualizado", "en": "%d updated"},
	"import.updated.other":       {"es": "%d actualizados", "en": "%d updated"},
	"import.moved.one":           {"es": "%d cambiado de estación", "en": "%d moved to another station"},
	"import.moved.other":         {"es": "%d cambiados de estación", "en": "%d moved to another station"},
	"import.done":                {"es": "Importación completa: %s, %s, %s.", "en": "Import complete: %s, %s, %s."},
	"roster.more_problems.one":   {"es": "y %d problema más: corrija los anteriores y vuelva a subir el archivo", "en": "and %d more problem: fix the ones above and upload the file again"},
	"roster.more_problems.other": {"es": "y %d problemas más: corrija los anteriores y vuelva a subir el archivo", "en": "and %d more problems: fix the ones above and upload the file again"},
	"course.valid.one":           {"es": "válido %d mes", "en": "valid %d month"},
	"course.valid.other":         {"es": "válido %d meses", "en": "valid %d months"},
	"course.minutes.one":         {"es": "%d minuto de lectura", "en": "%d minute of reading"},
	"course.minutes.other":       {"es": "%d minutos de lectura", "en": "%d minutes of reading"},
	"err.locked":                 {"es": "Demasiados intentos fallidos: la cuenta está bloqueada. Intente de nuevo en %d minutos.", "en": "Too many failed attempts: the account is locked. Try again in %d minutes."},
	"err.locked_minute":          {"es": "Demasiados intentos fallidos: la cuenta está bloqueada. Intente de nuevo en 1 minuto.", "en": "Too many failed attempts: the account is locked. Try again in 1 minute."},
	"cli.not_imported.one":       {"es": "no se importó nada: %d problema", "en": "nothing imported: %d problem"},
	"cli.not_imported.other":     {"es": "no se importó nada: %d problemas", "en": "nothing imported: %d problems"},
	"cli.not_published.one":      {"es": "no se publicó: %d problema", "en": "not published: %d problem"},
	"cli.not_published.other":    {"es": "no se publicó: %d problemas", "en": "not published: %d problems"},

	// Dashboard tiles: the label after the number, by count (form).
	"dash.officers.one":       {"es": "funcionario", "en": "officer"},
	"dash.officers.other":     {"es": "funcionarios", "en": "officers"},
	"dash.stations.one":       {"es": "estación", "en": "station"},
	"dash.stations.other":     {"es": "estaciones", "en": "stations"},
	"dash.courses.one":        {"es": "curso", "en": "course"},
	"dash.courses.other":      {"es": "cursos", "en": "courses"},
	"dash.attempts.one":       {"es": "intento recibido", "en": "attempt received"},
	"dash.attempts.other":     {"es": "intentos recibidos", "en": "attempts received"},
	"dash.passed.one":         {"es": "aprobado", "en": "passed"},
	"dash.passed.other":       {"es": "aprobados", "en": "passed"},
	"dash.certificates.one":   {"es": "certificado", "en": "certificate"},
	"dash.certificates.other": {"es": "certificados", "en": "certificates"},
	"dash.tiles":              {"es": "Totales", "en": "Totals"},
	"filter.all_f":            {"es": "Todas", "en": "All"},

	// Toasts name what the user sees: the certificate code, the station, the course title.
	"certs.revoked":     {"es": "Certificado %s revocado (%s, %s).", "en": "Certificate %s revoked (%s, %s)."},
	"nodes.revoked":     {"es": "El nodo de la estación %s fue revocado: ya no puede sincronizar.", "en": "The node of station %s was revoked: it can no longer sync."},
	"courses.published": {"es": "Publicado: %s, versión %d.", "en": "Published: %s, version %d."},

	// Revocation: a confirmation step with a required reason.
	"revoke.title":   {"es": "Revocar un certificado", "en": "Revoke a certificate"},
	"revoke.help":    {"es": "Un certificado revocado deja de ser válido en la verificación y en las estaciones tras su próxima sincronización. No se puede deshacer.", "en": "A revoked certificate stops being valid at verification and at the stations after their next sync. It cannot be undone."},
	"revoke.reason":  {"es": "Motivo de la revocación (obligatorio, de 5 a 500 caracteres)", "en": "Reason for revoking (required, 5 to 500 characters)"},
	"revoke.confirm": {"es": "Revocar el certificado", "en": "Revoke the certificate"},
	"revoke.cancel":  {"es": "Cancelar", "en": "Cancel"},
	"revoke.link":    {"es": "Revocar…", "en": "Revoke…"},
	"revoke.already": {"es": "Este certificado ya está revocado.", "en": "This certificate is already revoked."},

	// Course upload: check and preview first, then publish.
	"courses.publish":     {"es": "Subir y revisar", "en": "Upload and check"},
	"courses.lint_failed": {"es": "El curso tiene problemas y no se puede publicar. Corríjalos y vuelva a subir el .zip:", "en": "The course has problems and cannot be published. Fix them and upload the .zip again:"},
	"upload.title":        {"es": "Revisar antes de publicar", "en": "Check before publishing"},
	"upload.ok":           {"es": "El curso se revisó sin problemas. Así lo verán los funcionarios; si está bien, publíquelo.", "en": "The course was checked with no problems. This is how officers will see it; if it is right, publish it."},
	"upload.file":         {"es": "Archivo subido: %s, por %s.", "en": "Uploaded file: %s, by %s."},
	"upload.publish":      {"es": "Publicar", "en": "Publish"},
	"upload.discard":      {"es": "Descartar", "en": "Discard"},
	"upload.discarded":    {"es": "Se descartó la subida de %s.", "en": "The upload of %s was discarded."},
	"upload.unknown":      {"es": "Esa subida ya no existe: se publicó, se descartó o venció. Suba el .zip de nuevo.", "en": "That upload no longer exists: it was published, discarded or expired. Upload the .zip again."},
	"upload.pending":      {"es": "Subidas esperando publicación", "en": "Uploads waiting to be published"},
	"upload.review":       {"es": "Revisar", "en": "Review"},
	"upload.publish_help": {"es": "Al publicar, esta versión queda firmada y llega a las estaciones en su próxima sincronización.", "en": "Once published, this version is signed and reaches the stations at their next sync."},

	// Approvals: the officer's answers, and approving everything shown.
	"approvals.help":        {"es": "Intentos aprobados de cursos cuyo certificado requiere aprobación. Revise las respuestas del funcionario, marque los que correspondan y apruébelos o rechácelos en bloque; los aprobados se emiten firmados por el centro y llegan a la estación en la próxima sincronización.", "en": "Passed attempts of courses whose certificate needs approval. Review the officer's answers, tick them and approve or reject them together; approved ones are issued signed by the center and reach the station at its next sync."},
	"approvals.all":         {"es": "Marcar todos", "en": "Tick all"},
	"approvals.approve_all": {"es": "Aprobar todos", "en": "Approve all"},
	"approvals.answers":     {"es": "Ver respuestas", "en": "See answers"},
	"attempt.unknown":       {"es": "No hay ningún intento %s.", "en": "There is no attempt %s."},
	"answers.title":         {"es": "Respuestas de %s", "en": "Answers of %s"},
	"answers.summary":       {"es": "%s · nota %s · estación %s · entregado %s", "en": "%s · score %s · station %s · submitted %s"},
	"answers.question":      {"es": "Pregunta", "en": "Question"},
	"answers.given":         {"es": "Respuesta del funcionario", "en": "Officer's answer"},
	"answers.right":         {"es": "correcta", "en": "right"},
	"answers.wrong":         {"es": "incorrecta", "en": "wrong"},
	"answers.partial":       {"es": "parcial (%s)", "en": "partly right (%s)"},
	"answers.blank":         {"es": "sin responder", "en": "not answered"},
	"answers.expected":      {"es": "Respuesta esperada", "en": "Expected answer"},
	"answers.unavailable":   {"es": "El centro no tiene las respuestas de este intento.", "en": "The center does not hold this attempt's answers."},
	"answers.approve":       {"es": "Aprobar este intento", "en": "Approve this attempt"},
	"answers.reject":        {"es": "Rechazar este intento", "en": "Reject this attempt"},
	"answers.back":          {"es": "Volver a la cola de aprobación", "en": "Back to the approval queue"},
	"answers.pending":       {"es": "Este intento espera su aprobación.", "en": "This attempt is waiting for your approval."},

	// Enrollment code: read over the phone, copied, and the next step.
	"stations.token_once":   {"es": "Código de inscripción del nodo. Anótelo o cópielo ahora: no se volverá a mostrar.", "en": "Node enrollment code. Write it down or copy it now: it will not be shown again."},
	"stations.copy":         {"es": "Copiar el código", "en": "Copy the code"},
	"stations.copy_command": {"es": "Copiar la orden", "en": "Copy the command"},
	"stations.copied":       {"es": "Copiado", "en": "Copied"},
	"stations.next_step":    {"es": "En la estación, ejecute:", "en": "On the station, run:"},
	"stations.dashes":       {"es": "Los guiones y espacios son opcionales; las letras pueden escribirse en minúsculas.", "en": "Dashes and spaces are optional; letters may be typed in lowercase."},
}

func init() { maps.Copy(messages, staffMessages) }
