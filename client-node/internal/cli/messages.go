package cli

import (
	"os"

	"aula/client-node/internal/web"
	"aula/internal/i18n"
)

// messages are what aula-node's commands print, in the user's locale (LANG; Spanish by default).
var messages = i18n.Catalog{
	"cli.enrolled": {"es": "inscrito como el nodo de la estación %s\nhuella de la clave del centro: %s\ncompruébela por teléfono con el administrador del centro antes de confiar en este nodo",
		"en": "enrolled as the node of station %s\ncenter key fingerprint: %s\ncheck it with the center's administrator by phone before trusting this node"},
	"cli.synced":        {"es": "sincronización completa: %d registros pendientes", "en": "sync complete: %d records pending"},
	"cli.exported":      {"es": "%d registros escritos en %s; en el centro ejecute: aula-server sync import --in %s --out RESPUESTA", "en": "%d records written to %s; at the center run: aula-server sync import --in %s --out REPLY"},
	"cli.unlocked":      {"es": "credencial %s desbloqueada: el funcionario puede volver a entrar", "en": "badge %s unlocked: the officer can log in again"},
	"cli.heads_written": {"es": "%d cabezas firmadas de la auditoría del centro escritas en %s; en el centro ejecute: aula-server audit verify --against ARCHIVO", "en": "%d signed heads of the center's audit written to %s; at the center run: aula-server audit verify --against FILE"},
	"cli.not_locked":    {"es": "la credencial %s no estaba bloqueada", "en": "badge %s was not locked"},
}

// cliLang is the language of the command line: LC_ALL, LC_MESSAGES or LANG, Spanish by default.
func cliLang() string { return i18n.FromEnv(os.Getenv) }

// msg is a message of this command line in the user's language.
func msg(id string, args ...any) string { return messages.T(cliLang(), id, args...) }

// errText is an error in the user's language: a domain error translated by the node's catalog.
func errText(err error) string { return web.ErrorText(cliLang(), err) }
