package cli

import (
	"context"
	"fmt"
	"io"

	"aula/internal/cliflags"
	"aula/server/internal/app"
	"aula/server/internal/service"
	"aula/server/internal/web"
)

// agencyAdd registers an agency (a police force).
func agencyAdd(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	f := cliflags.New("agency add", stderr)
	data, db := storeFlags(f)
	code := f.Str("code", "", "agency code, e.g. CPNB")
	name := f.Str("name", "", "agency name")
	if ok, c := f.Parse(args); !ok {
		return c
	}
	if !f.Require(stderr, map[string]string{"code": *code, "name": *name}) {
		return 2
	}
	return withStore(*data, *db, stderr, func(m *app.Main) int {
		a, err := center(m).CreateAgency(context.Background(), *code, *name, "cli")
		if err != nil {
			return fail(stderr, err)
		}
		fmt.Fprintln(stdout, web.Message(cliLang(), "cli.agency_created", a.Code, a.Name))
		return 0
	})
}

// stationCommander makes an officer of a station its commander (or not, with --remove).
func stationCommander(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	f := cliflags.New("station commander", stderr)
	data, db := storeFlags(f)
	code := f.Str("code", "", "station code")
	badge := f.Str("badge", "", "badge of an officer of that station")
	remove := f.Bool("remove", false, "the officer is no longer the commander")
	if ok, c := f.Parse(args); !ok {
		return c
	}
	if !f.Require(stderr, map[string]string{"code": *code, "badge": *badge}) {
		return 2
	}
	return withStore(*data, *db, stderr, func(m *app.Main) int {
		if err := center(m).SetCommander(context.Background(), service.Scope{}, *code, *badge, !*remove, "cli"); err != nil {
			return fail(stderr, err)
		}
		id := "cli.commander_set"
		if *remove {
			id = "cli.commander_removed"
		}
		fmt.Fprintln(stdout, web.Message(cliLang(), id, *badge, *code))
		return 0
	})
}
