package web

import (
	"maps"

	"aula/internal/i18n"
)

// analysisMessages are the item analysis pages' words (issue 18).
var analysisMessages = i18n.Catalog{
	"analysis.title":                    {"es": "Análisis de preguntas", "en": "Question analysis"},
	"analysis.link":                     {"es": "Ver qué preguntas funcionan (análisis de preguntas)", "en": "See which questions work (question analysis)"},
	"analysis.intro":                    {"es": "Cifras de todas las estaciones para esta versión del curso. Facilidad: parte del puntaje que obtuvieron los funcionarios (0 a 1). Discriminación: si quienes sacan mejor nota en el resto de la prueba aciertan más esta pregunta (−1 a 1).", "en": "Figures from every station for this course version. Facility: the share of the marks officers earned (0 to 1). Discrimination: whether those who score better on the rest of the test do better on this question (−1 to 1)."},
	"analysis.attempts":                 {"es": "Intentos", "en": "Attempts"},
	"analysis.first":                    {"es": "Primer intento de cada funcionario", "en": "Each officer's first attempt"},
	"analysis.all":                      {"es": "Todos los intentos", "en": "Every attempt"},
	"analysis.attempts_n.one":           {"es": "%d intento analizado", "en": "%d attempt analysed"},
	"analysis.attempts_n.other":         {"es": "%d intentos analizados", "en": "%d attempts analysed"},
	"analysis.alpha":                    {"es": "Alfa de Cronbach", "en": "Cronbach's alpha"},
	"analysis.alpha_help":               {"es": "coherencia de la prueba, sobre los intentos con todas las preguntas; 0,7 o más es bueno", "en": "how consistent the test is, over attempts holding every question; 0.7 or more is good"},
	"analysis.undefined":                {"es": "—", "en": "—"},
	"analysis.col.id":                   {"es": "Identificador", "en": "Id"},
	"analysis.col.question":             {"es": "Pregunta", "en": "Question"},
	"analysis.col.type":                 {"es": "Tipo", "en": "Type"},
	"analysis.col.answered":             {"es": "Intentos", "en": "Attempts"},
	"analysis.col.facility":             {"es": "Facilidad", "en": "Facility"},
	"analysis.col.sd":                   {"es": "Desviación", "en": "SD"},
	"analysis.col.discrimination":       {"es": "Discriminación", "en": "Discrimination"},
	"analysis.col.efficiency":           {"es": "Eficiencia", "en": "Efficiency"},
	"analysis.col.flags":                {"es": "Avisos", "en": "Flags"},
	"analysis.col.lesson":               {"es": "Lección", "en": "Lesson"},
	"analysis.col.opened":               {"es": "La leyeron antes del primer intento", "en": "Read before the first attempt"},
	"analysis.col.reading":              {"es": "Tiempo de lectura (mediana)", "en": "Reading time (median)"},
	"analysis.col.relation":             {"es": "Facilidad de las preguntas que la citan", "en": "Facility of the questions citing it"},
	"analysis.scatter":                  {"es": "Facilidad y discriminación", "en": "Facility and discrimination"},
	"analysis.scatter_help":             {"es": "Cada punto es una pregunta; pulse uno para verla. Las líneas marcan los límites de los avisos: facilidad 0,2 y 0,95; discriminación 0 y 0,2. Las buenas preguntas quedan arriba, en el centro.", "en": "Each point is a question; click one to open it. The lines mark the flags' limits: facility 0.2 and 0.95; discrimination 0 and 0.2. Good questions sit high, in the middle."},
	"analysis.options":                  {"es": "Opciones elegidas", "en": "Options chosen"},
	"analysis.options_help":             {"es": "Parte de las respuestas que eligió cada opción. La correcta está marcada con ✔ y en verde.", "en": "The share of answers choosing each option. The right one is marked ✔ and green."},
	"analysis.correct":                  {"es": "correcta", "en": "right"},
	"analysis.by_station":               {"es": "Facilidad por estación", "en": "Facility by station"},
	"analysis.by_version":               {"es": "Facilidad en cada versión del curso", "en": "Facility in each version of the course"},
	"analysis.by_version_help":          {"es": "La misma pregunta (mismo identificador) en cada versión publicada: muestra si un cambio la mejoró.", "en": "The same question (same id) in every published version: shows whether an edit helped."},
	"analysis.no_attempts":              {"es": "Todavía no hay intentos.", "en": "No attempts yet."},
	"analysis.explanation":              {"es": "Explicación", "en": "Explanation"},
	"analysis.lessons":                  {"es": "Uso de las lecciones", "en": "Lesson use"},
	"analysis.lessons_help":             {"es": "Cuántos funcionarios leyeron cada lección antes de su primer intento, y cuánto tardaron donde la estación lo mide.", "en": "How many officers read each lesson before their first attempt, and how long it took where the station measures it."},
	"analysis.not_measured":             {"es": "no medido", "en": "not measured"},
	"analysis.no_citing":                {"es": "ninguna pregunta la cita", "en": "no question cites it"},
	"analysis.relation":                 {"es": "quienes la leyeron: %s · quienes no: %s", "en": "those who read it: %s · those who did not: %s"},
	"analysis.too_few":                  {"es": "se muestra cuando cada grupo tiene al menos %d funcionarios", "en": "shown once each group has at least %d officers"},
	"analysis.attempts_invalid":         {"es": "attempts debe ser first o all (recibido %q).", "en": "attempts must be first or all (got %q)."},
	"analysis.no_quiz":                  {"es": "El curso %s no tiene cuestionario: no hay preguntas que analizar.", "en": "Course %s has no quiz: there are no questions to analyse."},
	"flag.too_easy":                     {"es": "muy fácil", "en": "too easy"},
	"flag.too_easy.help":                {"es": "Casi todos aciertan (facilidad mayor que 0,95): no distingue a quien sabe de quien no. Hágala más exigente o quítela.", "en": "Almost everyone gets it right (facility above 0.95): it does not tell who knows from who does not. Make it harder or drop it."},
	"flag.too_hard":                     {"es": "muy difícil", "en": "too hard"},
	"flag.too_hard.help":                {"es": "Casi nadie acierta (facilidad menor que 0,2): revise la clave, la redacción o si la lección lo enseña.", "en": "Almost no one gets it right (facility below 0.2): check the key, the wording, or whether the lesson teaches it."},
	"flag.negative_discrimination":      {"es": "discriminación negativa", "en": "negative discrimination"},
	"flag.negative_discrimination.help": {"es": "Quienes mejor conocen la materia la fallan más que los demás: la clave puede estar mal o la pregunta confunde.", "en": "Those who know the material best fail it more than others: the key may be wrong or the question misleads."},
	"flag.weak_discrimination":          {"es": "discriminación débil", "en": "weak discrimination"},
	"flag.weak_discrimination.help":     {"es": "Acertarla casi no depende de cuánto sabe el funcionario (entre 0 y 0,2): aclárela o cambie las opciones.", "en": "Getting it right hardly depends on what the officer knows (0 to 0.2): clarify it or change its options."},
	"flag.unused_option":                {"es": "opción que nadie elige", "en": "unused option"},
	"flag.unused_option.help":           {"es": "Una opción la elige menos del 5 % de las respuestas: no distrae a nadie. Cámbiela por un error que los funcionarios sí cometen.", "en": "An option is chosen by under 5 % of the answers: it distracts no one. Replace it with a mistake officers really make."},
}

func init() { maps.Copy(messages, analysisMessages) }
