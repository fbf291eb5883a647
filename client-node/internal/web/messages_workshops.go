package web

import (
	"maps"

	"aula/internal/i18n"
)

func init() { maps.Copy(messages, workshopMessages) }

// workshopMessages are the strings of in-person workshops on the node (issue 16): officers
// signing in at the terminal, the commander's list, and "Mi formación".
var workshopMessages = i18n.Catalog{
	"nav.workshops":        {"es": "Talleres", "en": "Workshops"},
	"ws.title":             {"es": "Registrar mi asistencia", "en": "Sign in to a workshop"},
	"ws.help":              {"es": "Si asiste hoy a un taller presencial, escriba su credencial y su PIN en el taller que corresponde y pulse «Registrar mi asistencia». Cada funcionario se registra él mismo.", "en": "If you are attending an in-person workshop today, type your badge and PIN in the right workshop and press “Sign me in”. Each officer signs in himself."},
	"ws.none_open":         {"es": "No hay talleres abiertos en esta estación.", "en": "There are no open workshops at this station."},
	"ws.today":             {"es": "Hoy", "en": "Today"},
	"ws.hours":             {"es": "%s horas", "en": "%s hours"},
	"ws.trainer":           {"es": "Instructor", "en": "Trainer"},
	"ws.count":             {"es": "Registrados: %d funcionarios y %d invitados.", "en": "Signed in: %d officers and %d guests."},
	"ws.sign_in":           {"es": "Registrar mi asistencia", "en": "Sign me in"},
	"ws.signed_in":         {"es": "Listo, %s: su asistencia quedó registrada.", "en": "Done, %s: your attendance is recorded."},
	"ws.already_in":        {"es": "%s, su asistencia ya estaba registrada. No hace falta hacer nada más.", "en": "%s, your attendance was already recorded. Nothing more to do."},
	"ws.manage":            {"es": "Lista, invitados y cierre", "en": "List, guests and closing"},
	"ws.closed_title":      {"es": "Talleres cerrados", "en": "Closed workshops"},
	"ws.status_scheduled":  {"es": "cerrado en esta estación", "en": "closed at this station"},
	"ws.status_closed":     {"es": "cerrado, en revisión", "en": "closed, under review"},
	"ws.status_approved":   {"es": "aprobado", "en": "approved"},
	"ws.you_attended":      {"es": "usted asistió", "en": "you attended"},
	"ws.open":              {"es": "Abierto: los funcionarios pueden registrarse", "en": "Open: officers may sign in"},
	"ws.closed_here":       {"es": "se enviará al centro en la próxima sincronización", "en": "it goes to the center with the next sync"},
	"ws.list":              {"es": "Lista de asistencia", "en": "Attendance list"},
	"ws.list_empty":        {"es": "Todavía no se registró nadie.", "en": "Nobody has signed in yet."},
	"ws.col_name":          {"es": "Nombre", "en": "Name"},
	"ws.col_badge":         {"es": "Credencial o institución", "en": "Badge or institution"},
	"ws.guest":             {"es": "Invitado", "en": "Guest"},
	"ws.add_guest":         {"es": "Agregar invitado", "en": "Add a guest"},
	"ws.guest_help":        {"es": "Para participantes que no son funcionarios (fiscales, defensores, estudiantes). Su documento de identidad no aparece en la verificación pública del certificado.", "en": "For participants who are not officers (prosecutors, defenders, students). Their identity document never appears on the certificate's public verification."},
	"ws.guest_name":        {"es": "Nombre y apellido", "en": "Full name"},
	"ws.guest_document":    {"es": "Documento de identidad", "en": "Identity document"},
	"ws.guest_institution": {"es": "Institución", "en": "Institution"},
	"ws.close":             {"es": "Cerrar la lista", "en": "Close the list"},
	"ws.close_help":        {"es": "Al cerrar, nadie más puede registrarse ni agregarse. La lista viaja al centro con la próxima sincronización para su aprobación.", "en": "Once closed, nobody else can sign in or be added. The list goes to the center with the next sync for approval."},
	"workshop.unknown":     {"es": "Este taller no está en esta estación.", "en": "This workshop is not at this station."},
	"workshop.closed":      {"es": "La lista de este taller ya está cerrada: no se puede agregar a nadie.", "en": "This workshop's list is already closed: nobody can be added."},
	"v.guest_name":         {"es": "Escriba el nombre del invitado (hasta 200 caracteres).", "en": "Type the guest's name (up to 200 characters)."},
	"v.guest_document":     {"es": "Escriba el documento de identidad del invitado (hasta 60 caracteres).", "en": "Type the guest's identity document (up to 60 characters)."},
	"v.guest_institution":  {"es": "La institución admite hasta 200 caracteres.", "en": "The institution takes up to 200 characters."},
	"tr.title":             {"es": "Mi formación", "en": "My training"},
	"tr.help":              {"es": "Sus horas de formación por área y por año: cursos aprobados y talleres presenciales, con el código de verificación de cada certificado.", "en": "Your training hours by area and year: courses passed and in-person workshops, with each certificate's verification code."},
	"tr.none":              {"es": "Todavía no tiene cursos ni talleres con certificado en esta estación.", "en": "You have no courses or workshops with a certificate at this station yet."},
	"tr.total":             {"es": "Total: %s horas", "en": "Total: %s hours"},
	"tr.year":              {"es": "Año", "en": "Year"},
	"tr.hours":             {"es": "Horas", "en": "Hours"},
	"tr.entries":           {"es": "Cursos y talleres", "en": "Courses and workshops"},
	"tr.date":              {"es": "Fecha", "en": "Date"},
	"tr.what":              {"es": "Curso o taller", "en": "Course or workshop"},
	"tr.area":              {"es": "Área", "en": "Area"},
	"tr.kind_course":       {"es": "curso", "en": "course"},
	"tr.kind_workshop":     {"es": "taller", "en": "workshop"},
}
