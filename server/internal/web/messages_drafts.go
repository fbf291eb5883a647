package web

import (
	"maps"

	"aula/internal/i18n"
)

// draftMessages are the course drafts' messages (service/drafts*.go, store/drafts.go).
var draftMessages = i18n.Catalog{
	"draft.unknown":          {"es": "Ese borrador no existe.", "en": "That draft does not exist."},
	"draft.bad_course_id":    {"es": "Identificador de curso no válido: %q. Use de 2 a 63 minúsculas, cifras y guiones, como uso-de-la-fuerza.", "en": "Invalid course id: %q. Use 2 to 63 lowercase letters, digits and dashes, such as uso-de-la-fuerza."},
	"draft.title_required":   {"es": "Ese curso aún no existe: escriba su título para empezarlo.", "en": "That course does not exist yet: write its title to start it."},
	"draft.bad_status":       {"es": "Estado desconocido: %q (use editing, review o approved).", "en": "Unknown status: %q (use editing, review or approved)."},
	"draft.zip_no_id":        {"es": "El zip no contiene un course.yaml con un id de curso válido.", "en": "The zip holds no course.yaml with a valid course id."},
	"draft.status_editing":   {"es": "Este borrador está en edición: primero hay que enviarlo a revisión.", "en": "This draft is being edited: it must be submitted for review first."},
	"draft.status_review":    {"es": "Este borrador está en revisión y no se puede modificar hasta que lo aprueben o lo devuelvan.", "en": "This draft is in review and cannot be changed until it is approved or returned."},
	"draft.status_approved":  {"es": "Este borrador ya fue aprobado y publicado: empiece un borrador nuevo para seguir cambiando el curso.", "en": "This draft was already approved and published: start a new draft to keep changing the course."},
	"draft.stale":            {"es": "Otra persona guardó %s después de que usted lo abrió: no se sobrescribió nada. Vuelva a abrir el archivo, copie sus cambios y guarde de nuevo.", "en": "Someone else saved %s after you opened it: nothing was overwritten. Open the file again, copy your changes over and save again."},
	"draft.stale_draft":      {"es": "Otra persona cambió este borrador mientras tanto: no se cambió nada. Vuelva a cargarlo e inténtelo de nuevo.", "en": "Someone else changed this draft meanwhile: nothing was changed. Reload it and try again."},
	"draft.revision_missing": {"es": "%s ya existe: indique la revisión que editó (If-Match) para no borrar los cambios de otra persona.", "en": "%s already exists: send the revision you edited (If-Match) so no one else's changes are lost."},
	"draft.bad_revision":     {"es": "Revisión no válida en If-Match: use el número que devolvió ETag.", "en": "Invalid revision in If-Match: use the number ETag returned."},
	"draft.self_approve":     {"es": "Usted envió este borrador a revisión: debe aprobarlo otra persona.", "en": "You submitted this draft for review: someone else must approve it."},
	"draft.outdated":         {"es": "Mientras tanto se publicó otra versión de %s (la %d): empiece un borrador nuevo desde ella.", "en": "Another version of %s was published meanwhile (version %d): start a new draft from it."},
	"draft.bad_path":         {"es": "%s no tiene lugar en un curso: use course.yaml, quiz.yaml, lessons/NN-nombre.md, lessons/NN-nombre.en.md o media/ con una imagen (png, jpg, gif, webp, svg) o un pdf.", "en": "%s has no place in a course: use course.yaml, quiz.yaml, lessons/NN-name.md, lessons/NN-name.en.md or media/ with an image (png, jpg, gif, webp, svg) or a pdf."},
	"draft.too_large":        {"es": "%s es demasiado grande: el límite es %d KiB.", "en": "%s is too large: the limit is %d KiB."},
	"draft.not_utf8":         {"es": "%s no está en UTF-8: guárdelo como UTF-8 e inténtelo de nuevo.", "en": "%s is not UTF-8: save it as UTF-8 and try again."},
	"draft.bad_image":        {"es": "El contenido de %s no es del tipo que indica su nombre (%s): suba la imagen original.", "en": "The content of %s is not the type its name says (%s): upload the original image."},
	"draft.bad_svg":          {"es": "La imagen SVG %s no se puede usar (línea %d: %s).", "en": "The SVG image %s cannot be used (line %d: %s)."},
	"draft.bad_order":        {"es": "El nuevo orden debe nombrar cada lección del borrador una sola vez.", "en": "The new order must name every lesson of the draft exactly once."},
	"draft.comment_required": {"es": "Escriba al menos un comentario para que los autores sepan qué corregir.", "en": "Write at least one comment so the authors know what to fix."},
	"draft.not_lesson":       {"es": "%s no es una lección: la vista previa es de lessons/NN-nombre.md.", "en": "%s is not a lesson: the preview is of lessons/NN-name.md."},
	"draft.quiz_unreadable":  {"es": "quiz.yaml tiene errores que impiden leerlo: corríjalos antes de importar preguntas.", "en": "quiz.yaml has errors that keep it from being read: fix them before importing questions."},
	"draft.has_errors":       {"es": "El borrador tiene errores: corríjalos antes de enviarlo a revisión o aprobarlo.", "en": "The draft has errors: fix them before submitting or approving it."},
}

func init() { maps.Copy(messages, draftMessages) }
