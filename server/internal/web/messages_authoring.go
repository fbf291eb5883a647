package web

// authoringMessages are the item-writing warnings (courses/itemcheck) and what the course gift
// command prints, shown by the linter, the command line and the studio.
var authoringMessages = map[string]map[string]string{
	"item.longest_correct": {
		"es": "la opción correcta es la más larga (así en %d de %d preguntas de opción única): quien no sabe la respuesta elige la más larga y acierta",
		"en": "the correct option is the longest (so in %d of %d single-choice questions): someone who does not know picks the longest and is right"},
	"item.true_false_true": {
		"es": "%d de %d preguntas de verdadero o falso tienen la respuesta «verdadero»: quien responde siempre lo mismo aprueba; equilibre las respuestas",
		"en": "%d of %d true/false questions have the answer true: someone who always answers the same passes; balance the answers"},
	"item.true_false_false": {
		"es": "%d de %d preguntas de verdadero o falso tienen la respuesta «falso»: quien responde siempre lo mismo aprueba; equilibre las respuestas",
		"en": "%d of %d true/false questions have the answer false: someone who always answers the same passes; balance the answers"},
	"item.all_none_above": {
		"es": "la opción %d es «todas/ninguna de las anteriores»: se acierta sin conocer las demás opciones; escriba una opción concreta",
		"en": "option %d is \"all/none of the above\": it can be answered without knowing the other options; write a concrete option"},
	"item.negative_stem": {
		"es": "la pregunta es negativa («%s») sin resaltar: escriba NO en mayúsculas o **no** en negrita para que nadie lea lo contrario",
		"en": "the question is negative (%q) without emphasis: write NOT in capitals or **not** in bold so nobody reads the opposite"},
	"item.no_explanation": {
		"es": "la pregunta no tiene explicación: quien se equivoca no sabe por qué",
		"en": "the question has no explanation: someone who gets it wrong does not learn why"},
	"item.missing_translation": {
		"es": "%s: falta la traducción al idioma «%s»",
		"en": "%s: the %q translation is missing"},
	"item.draw_over_pool": {
		"es": "draw es %d pero hay solo %d preguntas: cada intento tendrá todas",
		"en": "draw is %d but there are only %d questions: every attempt will hold all of them"},
	"item.id_type_changed": {
		"es": "la pregunta %s era de tipo %s en la versión publicada y ahora es %s: use un id nuevo, o sus estadísticas se mezclarán",
		"en": "question %s was of type %s in the published version and is now %s: use a new id, or its statistics will mix"},
	"item.id_answer_changed": {
		"es": "la pregunta %s cambió su respuesta correcta respecto de la versión %d: use un id nuevo, o sus estadísticas se mezclarán",
		"en": "question %s has another correct answer than in version %d: use a new id, or its statistics will mix"},
	"item.id_options_changed": {
		"es": "la pregunta %s cambió sus opciones respecto de la versión %d: use un id nuevo, o sus estadísticas se mezclarán",
		"en": "question %s has other options than in version %d: use a new id, or its statistics will mix"},
	"cli.warning":             {"es": "aviso", "en": "warning"},
	"cli.lint_warnings.one":   {"es": "%[2]s: %[1]d aviso de redacción de preguntas", "en": "%[2]s: %[1]d item-writing warning"},
	"cli.lint_warnings.other": {"es": "%[2]s: %[1]d avisos de redacción de preguntas", "en": "%[2]s: %[1]d item-writing warnings"},
	"gift.category":           {"es": "categoría «%s»: Aula no tiene categorías; se omite la línea", "en": "category %q: Aula has no categories; the line is skipped"},
	"gift.description":        {"es": "descripción sin respuestas: no es una pregunta; se omite", "en": "a description without answers is not a question; skipped"},
	"gift.essay":              {"es": "pregunta de ensayo: Aula no corrige textos libres; se omite", "en": "essay question: Aula does not grade free text; skipped"},
	"gift.missing_word":       {"es": "palabra faltante con el hueco dentro de la frase: Aula no lo representa; se omite", "en": "missing word with the blank inside the sentence: Aula cannot show it; skipped"},
	"gift.partial":            {"es": "pesos de crédito parcial en una pregunta de una sola respuesta: Aula da todo o nada; se omite", "en": "partial-credit weights in a single-answer question: Aula scores all or nothing; skipped"},
	"gift.unequal":            {"es": "respuestas múltiples con pesos distintos: Aula da el mismo peso a cada respuesta correcta; se omite", "en": "multiple answers with unequal weights: Aula weighs every right answer the same; skipped"},
	"gift.several_right":      {"es": "más de una respuesta correcta distinta en una pregunta de una sola respuesta; se omite", "en": "more than one different right answer in a single-answer question; skipped"},
	"gift.dropped":            {"es": "se importó la pregunta sin la respuesta de crédito parcial «%s»", "en": "the question was imported without the partial-credit answer %q"},
	"gift.feedback_lost":      {"es": "se importó la pregunta sin la retroalimentación de sus respuestas: este tipo no la muestra", "en": "the question was imported without its per-answer feedback: this type does not show it"},
	"gift.unclosed":           {"es": "falta la llave de cierre } de las respuestas; se omite", "en": "the answers' closing } is missing; skipped"},
	"gift.bad_answer":         {"es": "no se entienden las respuestas «%s»; se omite", "en": "cannot read the answers %q; skipped"},
	"gift.not_utf8":           {"es": "el texto no está en UTF-8 (guarde el archivo como UTF-8); se omite", "en": "the text is not UTF-8 (save the file as UTF-8); skipped"},
	"gift.too_few":            {"es": "una pregunta %s necesita al menos dos opciones o parejas; se omite", "en": "a %s question needs at least two options or pairs; skipped"},
	"gift.number":             {"es": "«%s» no es un número; se omite", "en": "%q is not a number; skipped"},
	"gift.invalid":            {"es": "no se puede importar: %s", "en": "cannot import: %s"},
	"cli.gift_none":           {"es": "%s: no se importó ninguna pregunta; no se escribió nada", "en": "%s: no question imported; nothing written"},
	"cli.gift_imported.one":   {"es": "%[1]d pregunta importada en %[2]s (%[3]d avisos arriba)", "en": "%[1]d question imported into %[2]s (%[3]d notes above)"},
	"cli.gift_imported.other": {"es": "%[1]d preguntas importadas en %[2]s (%[3]d avisos arriba)", "en": "%[1]d questions imported into %[2]s (%[3]d notes above)"},
}

func init() {
	for id, m := range authoringMessages {
		messages[id] = m
	}
}
