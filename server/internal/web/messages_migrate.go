package web

// migrateMessages are aula-server migrate-store's: its table of counts and checksums, its result
// and its refusals (store.MigrateStore's domain errors).
var migrateMessages = map[string]map[string]string{
	"cli.migrate_header":  {"es": "tabla|filas SQLite|filas PostgreSQL|SHA-256", "en": "table|SQLite rows|PostgreSQL rows|SHA-256"},
	"cli.migrate_differs": {"es": "  en PostgreSQL: %s  ≠ DIFERENTE", "en": "  in PostgreSQL: %s  ≠ DIFFERENT"},
	"cli.migrated": {"es": "%s copiado en %s: %d tablas, %d filas; los recuentos y las sumas SHA-256 coinciden. Inicie el centro con --db (AULA_DB) y la misma carpeta --data (las claves siguen allí).",
		"en": "%s copied into %s: %d tables, %d rows; the counts and SHA-256 checksums match. Start the center with --db (AULA_DB) and the same --data folder (the keys stay there)."},
	"migrate.mismatch": {"es": "la copia no coincide con el origen (tablas marcadas arriba): no se escribió nada en PostgreSQL",
		"en": "the copy does not match its source (tables marked above): nothing was written to PostgreSQL"},
	"migrate.not_empty": {"es": "la base de datos de destino no está vacía (la tabla %s tiene filas): migrate-store solo copia a una base de datos nueva y vacía",
		"en": "the target database is not empty (table %s has rows): migrate-store only copies into a new, empty database"},
	"migrate.no_source": {"es": "no existe %s: --from es la carpeta de datos de un centro con SQLite",
		"en": "%s does not exist: --from is the data folder of a center on SQLite"},
}

func init() {
	for id, m := range migrateMessages {
		messages[id] = m
	}
}
