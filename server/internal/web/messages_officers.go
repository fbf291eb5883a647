package web

import "aula/internal/i18n"

// Messages of the long lists' paging and search, and of the officer page's actions.
var listMessages = i18n.Catalog{
	"pager.label":   {"es": "Páginas", "en": "Pages"},
	"pager.of":      {"es": "Página %d de %d", "en": "Page %d of %d"},
	"pager.prev":    {"es": "Anterior", "en": "Previous"},
	"pager.next":    {"es": "Siguiente", "en": "Next"},
	"search.label":  {"es": "Buscar", "en": "Search"},
	"search.people": {"es": "Funcionario", "en": "Officer"},
	"search.certs":  {"es": "Funcionario o código", "en": "Officer or code"},
	"search.help":   {"es": "Da igual mayúsculas o tildes: «suarez» encuentra «Suárez».", "en": "Case and accents do not matter: “suarez” finds “Suárez”."},

	"officer.inactive":        {"es": "Dado de baja: no puede entrar en ninguna estación.", "en": "Deactivated: cannot log in at any station."},
	"officer.actions":         {"es": "Acciones", "en": "Actions"},
	"officer.actions_help":    {"es": "Cada acción llega a la estación con su próxima sincronización y queda registrada.", "en": "Each action reaches the station with its next sync and is recorded."},
	"officer.reset_pin":       {"es": "Dar un PIN nuevo", "en": "Give a new PIN"},
	"officer.reset_help":      {"es": "El PIN actual deja de servir. El nuevo PIN se muestra una sola vez.", "en": "The current PIN stops working. The new PIN is shown only once."},
	"officer.confirm_reset":   {"es": "Sí, cambiar el PIN de este funcionario", "en": "Yes, change this officer's PIN"},
	"officer.new_pin":         {"es": "Nuevo PIN de %s:", "en": "New PIN for %s:"},
	"officer.new_pin_help":    {"es": "Anótelo y entrégueselo al funcionario en persona: no se volverá a mostrar. Sirve en la estación %s después de su próxima sincronización (el administrador de la estación puede sincronizar ahora).", "en": "Write it down and give it to the officer in person: it will not be shown again. It works at station %s after its next sync (the station's administrator can sync now)."},
	"officer.pin_reset":       {"es": "PIN cambiado.", "en": "PIN changed."},
	"officer.unlock":          {"es": "Desbloquear", "en": "Unlock"},
	"officer.unlock_help":     {"es": "Borra los intentos de PIN fallidos en la estación, en su próxima sincronización. En la estación, el jefe puede hacerlo al momento con «aula-node unlock».", "en": "Clears the failed PIN tries at the station, at its next sync. At the station, the commander can do it at once with “aula-node unlock”."},
	"officer.unlocked":        {"es": "Desbloqueo enviado: la estación lo aplica en su próxima sincronización.", "en": "Unlock sent: the station applies it at its next sync."},
	"officer.deactivate":      {"es": "Dar de baja", "en": "Deactivate"},
	"officer.deactivate_help": {"es": "No podrá entrar en ninguna estación. Sus intentos y certificados se conservan.", "en": "The officer can no longer log in at any station. Attempts and certificates are kept."},
	"officer.confirm_off":     {"es": "Sí, dar de baja a este funcionario", "en": "Yes, deactivate this officer"},
	"officer.deactivated":     {"es": "Funcionario dado de baja.", "en": "Officer deactivated."},
	"officer.activate":        {"es": "Dar de alta de nuevo", "en": "Activate again"},
	"officer.activated":       {"es": "Funcionario dado de alta de nuevo.", "en": "Officer activated again."},
	"officer.move":            {"es": "Cambiar de estación", "en": "Move to another station"},
	"officer.move_to":         {"es": "Nueva estación", "en": "New station"},
	"officer.moved":           {"es": "Funcionario cambiado de estación.", "en": "Officer moved."},
	"officer.confirm_needed":  {"es": "Marque la casilla de confirmación para continuar.", "en": "Tick the confirmation box to go on."},
	"officer.audit":           {"es": "Registro de cambios", "en": "Change log"},
	"officer.no_audit":        {"es": "Sin cambios registrados desde esta página.", "en": "No changes recorded from this page."},
	"audit.when":              {"es": "Fecha", "en": "When"},
	"audit.who":               {"es": "Quién", "en": "Who"},
	"audit.what":              {"es": "Qué", "en": "What"},

	"officer.deactivate_already": {"es": "El funcionario %s ya está dado de baja.", "en": "Officer %s is already deactivated."},
	"officer.activate_already":   {"es": "El funcionario %s ya está dado de alta.", "en": "Officer %s is already active."},
	"officer.move_same":          {"es": "El funcionario %s ya está en la estación %s.", "en": "Officer %s is already at station %s."},

	"audit.officer.reset_pin":  {"es": "PIN nuevo", "en": "New PIN"},
	"audit.officer.unlock":     {"es": "Desbloqueo", "en": "Unlock"},
	"audit.officer.deactivate": {"es": "Baja", "en": "Deactivated"},
	"audit.officer.activate":   {"es": "Alta de nuevo", "en": "Activated again"},
	"audit.officer.move":       {"es": "Cambio de estación", "en": "Moved"},
}

func init() {
	for id, m := range listMessages {
		messages[id] = m
	}
}
