package web

// cliMessages are what aula-server's commands print when they succeed, in the user's locale
// (LANG; Spanish by default). Errors go through ErrorText.
var cliMessages = map[string]map[string]string{
	"cli.user_created":      {"es": "cuenta de %s «%s» creada", "en": "created %s account %q"},
	"cli.station_created":   {"es": "estación %s (%s) registrada; código de inscripción válido hasta %s, de un solo uso:", "en": "station %s (%s) registered; enrollment token valid until %s, usable once:"},
	"cli.station_token":     {"es": "nuevo código de inscripción para la estación %s (%s), válido hasta %s, de un solo uso; el anterior ya no sirve:", "en": "new enrollment token for station %s (%s), valid until %s, usable once; the previous one no longer works:"},
	"cli.officers_imported": {"es": "%d funcionarios importados: %d nuevos, %d actualizados, %d cambiados de estación", "en": "imported %d officers: %d new, %d updated, %d moved to another station"},
	"cli.published":         {"es": "publicado %s versión %d", "en": "published %s version %d"},
	"cli.reply_written":     {"es": "respuesta escrita en %s: llévela a la estación y ejecute aula-node sync import --in %s", "en": "reply written to %s: take it back to the station and run aula-node sync import --in %s"},
}

func init() {
	for id, m := range cliMessages {
		messages[id] = m
	}
}
