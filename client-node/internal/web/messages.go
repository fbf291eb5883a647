package web

import (
	"fmt"
	"html/template"
	"strings"
	"time"

	"aula/courses"
	"aula/internal/i18n"
	"aula/internal/webedge"
)

var funcs = template.FuncMap{
	"t":    func(lang, id string, args ...any) string { return messages.T(lang, id, args...) },
	"text": func(tx courses.Text, lang, def string) string { return tx.In(lang, def) },
	"day": func(tm time.Time) string {
		if tm.IsZero() {
			return "—"
		}
		return tm.Format("02/01/2006")
	},
	"pct":    func(f float64) string { return trimZero(fmt.Sprintf("%.1f", f)) + " %" },
	"hours":  func(f float64) string { return trimZero(fmt.Sprintf("%.1f", f)) },
	"mul100": func(f float64) float64 { return f * 100 },
}

func trimZero(s string) string { return strings.TrimSuffix(strings.TrimSuffix(s, "0"), ".") }

// messages holds every user-visible string of the node, in Spanish and English.
var messages = webedge.Include(i18n.Catalog{
	"nav.logout":   {"es": "Salir / Cambiar de funcionario", "en": "Log out / Switch officer"},
	"login.title":  {"es": "Ingreso de funcionarios", "en": "Officer login"},
	"login.help":   {"es": "Escriba su número de credencial y su PIN.", "en": "Enter your badge number and your PIN."},
	"login.badge":  {"es": "Credencial", "en": "Badge"},
	"login.pin":    {"es": "PIN", "en": "PIN"},
	"login.submit": {"es": "Entrar", "en": "Log in"},
	"login.shared": {"es": "Este equipo es compartido: al terminar, pulse «Salir». La sesión se cierra sola tras 10 minutos sin uso.", "en": "This computer is shared: when you finish, press “Log out”. The session ends by itself after 10 minutes without use."},

	"error.title": {"es": "No se pudo completar", "en": "Could not complete"},
	"error.back":  {"es": "Volver a mis cursos", "en": "Back to my courses"},

	"err.bad_login":      {"es": "Credencial o PIN incorrectos, o la credencial no pertenece a esta estación.", "en": "Wrong badge or PIN, or the badge does not belong to this station."},
	"err.locked":         {"es": "Demasiados intentos fallidos: esta credencial está bloqueada. Intente de nuevo en %d minutos.", "en": "Too many failed attempts: this badge is locked. Try again in %d minutes."},
	"err.client_locked":  {"es": "Demasiados intentos fallidos desde este equipo. Intente de nuevo en %d minutos o avise a su supervisor.", "en": "Too many failed attempts from this computer. Try again in %d minutes or tell your supervisor."},
	"err.in_flight":      {"es": "Ya se está comprobando otro intento con esta credencial o desde este equipo. Intente de nuevo en unos segundos.", "en": "Another attempt with this badge or from this computer is being checked. Try again in a few seconds."},
	"err.busy":           {"es": "El equipo de la estación está comprobando muchos PIN a la vez. Intente de nuevo en unos segundos.", "en": "The station computer is checking many PINs at once. Try again in a few seconds."},
	"err.rate":           {"es": "Demasiados intentos desde este equipo. Espere un momento.", "en": "Too many attempts from this computer. Wait a moment."},
	"err.login_required": {"es": "Ingrese con su credencial y PIN para continuar.", "en": "Log in with your badge and PIN to continue."},
	"err.not_found":      {"es": "No se encontró lo que busca.", "en": "What you are looking for was not found."},
	"err.internal":       {"es": "Error interno. Avise al encargado de la estación.", "en": "Internal error. Tell the station's person in charge."},
	"err.too_large":      {"es": "La solicitud es demasiado grande.", "en": "The request is too large."},
	"err.json":           {"es": "El cuerpo de la solicitud no es JSON válido: %s", "en": "The request body is not valid JSON: %s"},

	"courses.title":   {"es": "Mis cursos", "en": "My courses"},
	"courses.none":    {"es": "Todavía no hay cursos en esta estación. Aparecerán cuando la estación sincronice con el centro.", "en": "There are no courses at this station yet. They will appear when the station syncs with the center."},
	"courses.hours":   {"es": "horas", "en": "hours"},
	"courses.lessons": {"es": "%d de %d lecciones leídas", "en": "%d of %d lessons read"},
	"courses.expires": {"es": "certificado vence el %s", "en": "certificate expires on %s"},
	"courses.start":   {"es": "Empezar", "en": "Start"},
	"courses.open":    {"es": "Continuar", "en": "Continue"},

	"area.use-of-force":      {"es": "Uso de la fuerza", "en": "Use of force"},
	"area.human-rights":      {"es": "Derechos humanos", "en": "Human rights"},
	"area.police-management": {"es": "Gestión policial", "en": "Police management"},
	"area.other":             {"es": "Otros", "en": "Other"},

	"status.not_started":  {"es": "Sin empezar", "en": "Not started"},
	"status.in_progress":  {"es": "En curso", "en": "In progress"},
	"status.passed":       {"es": "Aprobado", "en": "Passed"},
	"status.expires_soon": {"es": "Aprobado: el certificado vence pronto", "en": "Passed: certificate expires soon"},
	"status.recert_due":   {"es": "Recertificación pendiente", "en": "Recertification due"},

	"course.lessons": {"es": "Lecciones", "en": "Lessons"},
	"course.read":    {"es": "leída", "en": "read"},
	"course.last":    {"es": "(aquí se quedó)", "en": "(you stopped here)"},
	"course.minutes": {"es": "%d min", "en": "%d min"},
	"lesson.n_of":    {"es": "Lección %d de %d", "en": "Lesson %d of %d"},
	"lesson.nav":     {"es": "Lecciones anterior y siguiente", "en": "Previous and next lessons"},

	"quiz.title":             {"es": "Evaluación", "en": "Quiz"},
	"quiz.none":              {"es": "Este curso no tiene evaluación.", "en": "This course has no quiz."},
	"quiz.go":                {"es": "Ir a la evaluación", "en": "Go to the quiz"},
	"quiz.left":              {"es": "Le quedan %d intentos.", "en": "You have %d attempts left."},
	"quiz.unlimited":         {"es": "Puede intentarlo las veces que necesite.", "en": "You may try as many times as you need."},
	"quiz.rule_questions":    {"es": "%d preguntas, una por página.", "en": "%d questions, one per page."},
	"quiz.rule_pass":         {"es": "Se aprueba con %d %% o más.", "en": "The pass mark is %d %%."},
	"quiz.rule_time":         {"es": "Tiene %d minutos desde que empieza. Al acabarse el tiempo, se entrega lo que haya guardado.", "en": "You have %d minutes from the start. When time is up, what you saved is handed in."},
	"quiz.rule_no_time":      {"es": "No hay límite de tiempo.", "en": "There is no time limit."},
	"quiz.rule_attempts":     {"es": "Intentos usados: %d de %d.", "en": "Attempts used: %d of %d."},
	"quiz.rule_saved":        {"es": "Cada respuesta se guarda al pasar de página: si se va la luz, puede seguir donde quedó.", "en": "Each answer is saved when you change page: if the power goes, you can continue where you were."},
	"quiz.start":             {"es": "Comenzar o continuar la evaluación", "en": "Start or continue the quiz"},
	"quiz.no_attempts":       {"es": "Ya usó los %d intentos de este curso. Hable con su formador o con el encargado de la estación.", "en": "You have used all %d attempts for this course. Talk to your trainer or the station's person in charge."},
	"quiz.none_left_help":    {"es": "No le quedan intentos para esta versión del curso. Hable con su formador o con el encargado de la estación.", "en": "You have no attempts left for this version of the course. Talk to your trainer or the station's person in charge."},
	"quiz.question_n":        {"es": "Pregunta %d de %d", "en": "Question %d of %d"},
	"quiz.answered":          {"es": "%d de %d respondidas", "en": "%d of %d answered"},
	"quiz.minutes_left":      {"es": "quedan %d min", "en": "%d min left"},
	"quiz.pick_all":          {"es": "Marque todas las opciones correctas.", "en": "Tick every correct option."},
	"quiz.true":              {"es": "Verdadero", "en": "True"},
	"quiz.false":             {"es": "Falso", "en": "False"},
	"quiz.match_help":        {"es": "Para cada elemento, elija su pareja en la lista.", "en": "For each item, choose its match from the list."},
	"quiz.order_help":        {"es": "Asigne a cada paso su número de orden (1 es el primero). Use cada número una vez.", "en": "Give each step its place in the order (1 is first). Use each number once."},
	"quiz.order_all":         {"es": "Asigne un número a cada paso.", "en": "Give every step a number."},
	"quiz.order_once":        {"es": "Use cada número de orden una sola vez.", "en": "Use each place number only once."},
	"quiz.number_only":       {"es": "Escriba solo un número (por ejemplo 48 o 2,5).", "en": "Type only a number (for example 48 or 2.5)."},
	"quiz.your_answer":       {"es": "Su respuesta", "en": "Your answer"},
	"quiz.your_number":       {"es": "Su respuesta (un número)", "en": "Your answer (a number)"},
	"quiz.prev":              {"es": "Anterior", "en": "Previous"},
	"quiz.next":              {"es": "Guardar y seguir", "en": "Save and continue"},
	"quiz.to_review":         {"es": "Guardar y revisar", "en": "Save and review"},
	"quiz.review":            {"es": "Revisar antes de entregar", "en": "Review before handing in"},
	"quiz.is_answered":       {"es": "respondida", "en": "answered"},
	"quiz.not_answered":      {"es": "sin responder", "en": "not answered"},
	"quiz.submit_help":       {"es": "Al entregar ya no podrá cambiar sus respuestas.", "en": "Once you hand in, you cannot change your answers."},
	"quiz.submit":            {"es": "Entregar la evaluación", "en": "Hand in the quiz"},
	"quiz.already_submitted": {"es": "Esta evaluación ya fue entregada.", "en": "This quiz was already handed in."},
	"quiz.unknown_question":  {"es": "La pregunta %q no es de esta evaluación.", "en": "Question %q is not part of this attempt."},
	"quiz.response_required": {"es": "Falta la respuesta (campo response).", "en": "The response field is missing."},

	"sync.title":        {"es": "Sincronización con el centro", "en": "Sync with the center"},
	"sync.requested":    {"es": "Sincronización solicitada. Vuelva a cargar la página en un momento para ver el resultado.", "en": "Sync requested. Reload the page in a moment to see the result."},
	"sync.not_enrolled": {"es": "Este nodo todavía no está inscrito en el centro. El encargado debe ejecutar aula-node enroll con el código de la estación.", "en": "This node is not enrolled with the center yet. The person in charge must run aula-node enroll with the station's token."},
	"sync.station":      {"es": "Estación", "en": "Station"},
	"sync.last_success": {"es": "Última sincronización correcta", "en": "Last successful sync"},
	"sync.never":        {"es": "nunca", "en": "never"},
	"sync.pending":      {"es": "Registros pendientes de enviar: %d", "en": "Records waiting to be sent: %d"},
	"sync.last_error":   {"es": "Último error", "en": "Last error"},
	"sync.offset":       {"es": "Diferencia del reloj de este equipo con el centro: %d segundos", "en": "This computer's clock differs from the center's by %d seconds"},
	"sync.clock_wrong":  {"es": "el reloj de este equipo está desajustado; los resultados no se pierden, pero corrija la hora", "en": "this computer's clock is wrong; no result is lost, but set the time"},
	"sync.running":      {"es": "Sincronizando: %s (%d de %d archivos)", "en": "Syncing: %s (%d of %d files)"},
	"sync.now":          {"es": "Sincronizar ahora", "en": "Sync now"},

	// Rolling upgrades (docs/sync.md): the center refused this node's sync protocol version.
	"sync.upgrade_center": {"es": "Este equipo tiene una versión de Aula más nueva que la del centro, que todavía no puede recibir sus datos. La estación sigue funcionando sin conexión y no se pierde ningún resultado: pida al administrador del centro que actualice aula-server; la sincronización continuará sola después.", "en": "This computer runs a newer version of Aula than the center, which cannot take its data yet. The station keeps working offline and no result is lost: ask the center's administrator to upgrade aula-server; sync resumes by itself afterwards."},
	"sync.upgrade_node":   {"es": "El centro ya no acepta la versión de Aula de este equipo. La estación sigue funcionando sin conexión y no se pierde ningún resultado: actualice aula-node en este equipo para volver a sincronizar.", "en": "The center no longer accepts this computer's version of Aula. The station keeps working offline and no result is lost: upgrade aula-node on this computer to sync again."},

	"result.certificate":      {"es": "Certificado emitido. Código de verificación: %s", "en": "Certificate issued. Verification code: %s"},
	"result.pdf":              {"es": "Descargar el certificado (PDF)", "en": "Download the certificate (PDF)"},
	"courses.certificate":     {"es": "Certificado (PDF)", "en": "Certificate (PDF)"},
	"cert.valid":              {"es": "Válido", "en": "Valid"},
	"cert.revoked":            {"es": "Revocado", "en": "Revoked"},
	"cert.expired":            {"es": "Vencido", "en": "Expired"},
	"cert.unknown":            {"es": "Desconocido en esta estación", "en": "Unknown at this station"},
	"verify.title":            {"es": "Verificación de certificado", "en": "Certificate verification"},
	"verify.code":             {"es": "Código", "en": "Code"},
	"verify.name":             {"es": "Nombre", "en": "Name"},
	"verify.course":           {"es": "Curso", "en": "Course"},
	"verify.issued":           {"es": "Emitido", "en": "Issued"},
	"verify.expires":          {"es": "Vence", "en": "Expires"},
	"verify.never":            {"es": "no vence", "en": "does not expire"},
	"verify.issuer":           {"es": "Emitido por", "en": "Issued by"},
	"verify.unknown_here":     {"es": "Esta estación no tiene un certificado con ese código. Verifíquelo en el centro: el código QR del certificado lleva allí.", "en": "This station has no certificate with that code. Check it at the center: the certificate's QR code leads there."},
	"verify.code_label":       {"es": "Código del certificado", "en": "Certificate code"},
	"verify.check":            {"es": "Verificar", "en": "Check"},
	"verify.bad_code":         {"es": "Ese no es un código de certificado: tiene 10 letras y números, por ejemplo 7K3M-QX2P-9A.", "en": "That is not a certificate code: it has 10 letters and digits, for example 7K3M-QX2P-9A."},
	"verify.refused":          {"es": "Rechazado: no es válido", "en": "Refused: not valid"},
	"cert.refused_pdf":        {"es": "El centro rechazó este certificado al recibirlo: no es válido. Consulte con su formador.", "en": "The center refused this certificate when it received it: it is not valid. Ask your trainer."},
	"verify.refused_reason":   {"es": "El centro lo rechazó al recibirlo.", "en": "The center refused it when it received it."},
	"level.confirmed":         {"es": "confirmado por el centro", "en": "confirmed by the center"},
	"level.provisional":       {"es": "provisional", "en": "provisional"},
	"level.provisional_help":  {"es": "Emitido en la estación %s (%s), pendiente de confirmación por el centro: el centro todavía no recibió y revisó el examen aprobado que lo respalda.", "en": "Issued at station %s (%s), pending confirmation by the center: the center has not yet received and checked the passed exam behind it."},
	"level.confirmed_station": {"es": "Emitido en la estación %s (%s) y confirmado por el centro, que revisó el examen aprobado.", "en": "Issued at station %s (%s) and confirmed by the center, which checked the passed exam."},
	"refused.signature":       {"es": "La firma no corresponde a este código: el texto fue alterado o no lo emitió Aula.", "en": "The signature does not match this code: the text was altered or not issued by Aula."},
	"refused.revoked_node":    {"es": "Lo firmó un equipo de estación que el centro dio de baja.", "en": "It was signed by a station computer that the center revoked."},
	"refused.roster":          {"es": "El funcionario no figuraba en la lista de esa estación el día de emisión.", "en": "The officer was not on that station's roster on the day of issue."},
	"refused.course":          {"es": "El curso no está publicado en el centro o sus certificados no se emiten en las estaciones.", "en": "The course is not published at the center, or its certificates are not issued at stations."},
	"refused.facts":           {"es": "Sus datos (nombre, curso, horas, nota o vencimiento) no coinciden con los registros del centro.", "en": "Its details (name, course, hours, score or expiry) do not match the center's records."},
	"refused.attempt":         {"es": "El centro no tiene un examen aprobado que lo respalde.", "en": "The center holds no passed exam behind it."},
	"refused.future":          {"es": "Tiene una fecha de emisión posterior a hoy.", "en": "Its issue date is later than today."},

	"result.title":     {"es": "Resultado", "en": "Result"},
	"result.timed_out": {"es": "Se acabó el tiempo: se entregaron las respuestas guardadas hasta ese momento.", "en": "Time ran out: the answers saved until then were handed in."},
	"result.recorded":  {"es": "Su evaluación quedó registrada. Su formador le dará el resultado.", "en": "Your quiz has been recorded. Your trainer will give you the result."},
	"result.passed":    {"es": "¡Aprobado!", "en": "Passed!"},
	"result.failed":    {"es": "No aprobado esta vez", "en": "Not passed this time"},
	"result.score":     {"es": "Su nota: %s (se aprueba con %d %%).", "en": "Your score: %s (pass mark %d %%)."},
	"result.answers":   {"es": "Sus respuestas", "en": "Your answers"},
	"result.yours":     {"es": "Su respuesta", "en": "Your answer"},
	"result.right":     {"es": "Respuesta correcta", "en": "Correct answer"},
	"result.credit":    {"es": "Puntaje de la pregunta: %s", "en": "Credit for this question: %s"},

	// Errors of the store, by message id (courses.E).
	"attempt.unknown":       {"es": "No existe ese intento.", "en": "There is no such attempt."},
	"cert.no_such":          {"es": "No hay ningún certificado %s en esta estación.", "en": "There is no certificate %s on this station."},
	"course.not_here":       {"es": "El curso %s no está en esta estación.", "en": "Course %s is not on this station."},
	"course.not_installed":  {"es": "El curso %s versión %d no está en esta estación.", "en": "Course %s version %d is not on this station."},
	"err.no_file":           {"es": "No existe el archivo %s en este curso.", "en": "There is no file %s in this course."},
	"err.no_version":        {"es": "No existe la versión %s.", "en": "There is no version %s."},
	"err.session_ended":     {"es": "Su sesión terminó: inicie sesión de nuevo.", "en": "Your session has ended: log in again."},
	"err.session_idle":      {"es": "Su sesión terminó por inactividad: inicie sesión de nuevo.", "en": "Your session ended after a time without activity: log in again."},
	"officer.not_on_roster": {"es": "La credencial %s no figura en la lista de esta estación.", "en": "Badge %s is not on this station's roster."},
	"quiz.no_attempts_left": {"es": "No quedan intentos: usó %d de %d.", "en": "No attempts left: %d of %d used."},
})
