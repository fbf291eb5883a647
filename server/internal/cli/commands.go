package cli

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"aula/internal/apprun"
	"aula/internal/cliflags"
	"aula/internal/i18n"
	"aula/server/internal/app"
	"aula/server/internal/service"
	"aula/server/internal/store"
	"aula/server/internal/web"
	"aula/sync/auth"
)

const defaultData = "./aula-server-data"

// cliLang is the language of the command line's messages: the user's locale (LC_ALL,
// LC_MESSAGES or LANG), Spanish by default.
func cliLang() string { return i18n.FromEnv(os.Getenv) }

// center returns the operations the web UI and the API share, on an opened store.
func center(m *app.Main) *service.Center {
	return &service.Center{Store: m.Store, Publisher: m.Publisher, Hasher: auth.NewGate(1, 1), PINKey: m.PINKey}
}

// serve runs the center until SIGINT or SIGTERM.
func serve(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	f := cliflags.ServeFlags(":8080", defaultData, stderr)
	db := f.Set.Str("db", "", dbUsage)
	noStarter := f.Set.Boolean("no-starter-courses", "do not publish the starter courses into an empty store")
	public := f.Set.Str("public-url", "", "public address of the center, e.g. https://aula.example.org")
	openData := f.Set.Boolean("public-open-data", "publish the anonymised coverage table (GET /api/v1/open-data/coverage) without a login")
	xapiURL := f.Set.Str("xapi-url", "", "a Learning Record Store to send xAPI statements to (URL/statements)")
	xapiUser := f.Set.Str("xapi-user", "", "the LRS's Basic auth user")
	xapiPassword := f.Set.Str("xapi-password", "", "the LRS's Basic auth password")
	if ok, code := f.Parse(args); !ok {
		return code
	}
	m, err := app.Open(app.Config{Addr: *f.Addr, Data: *f.Data, DB: *db, NoStarterCourses: *noStarter, SecureCookies: *f.SecureCookies,
		PublicURL: *public, TrustedProxies: f.Trusted, Zone: f.Zone, SignatoryName: *f.SignatoryName, SignatoryRole: *f.SignatoryRole,
		PublicOpenData: *openData, XAPI: app.XAPIConfig{URL: *xapiURL, User: *xapiUser, Password: *xapiPassword}}, f.Log)
	if err != nil {
		return fail(stderr, err)
	}
	if err := apprun.UntilSignal(m); err != nil {
		return fail(stderr, err)
	}
	return 0
}

// withStore opens the store for a one-off command (it works while the server runs), runs fn with
// it and closes it; it returns fn's exit code, or the failure's if the store does not open.
func withStore(data, db string, stderr io.Writer, fn func(m *app.Main) int) int {
	m, c := openStore(data, db, stderr)
	if m == nil {
		return c
	}
	defer m.Close()
	return fn(m)
}

// openStore opens the store for a one-off command (it works while the server runs).
func openStore(data, db string, stderr io.Writer) (*app.Main, int) {
	m, err := app.Open(app.Config{Data: data, DB: db}, cliflags.Logger("text", stderr))
	if err != nil {
		return nil, fail(stderr, err)
	}
	return m, 0
}

// userAdd creates a staff account; the password is read from standard input.
func userAdd(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	f := cliflags.New("user add", stderr)
	data, db := storeFlags(f)
	username := f.Str("username", "", "login name (3-40 lowercase letters, digits, . - _)")
	role := f.Str("role", "", "admin, coordinator, trainer or auditor")
	agency := f.Str("agency", "", "a coordinator's agency code (required for coordinator)")
	fromStdin := f.Bool("password-stdin", false, "read the password from the first line of standard input")
	if ok, code := f.Parse(args); !ok {
		return code
	}
	if !f.Require(stderr, map[string]string{"username": *username, "role": *role}) {
		return 2
	}
	if !*fromStdin {
		fmt.Fprintln(stderr, "user add: give --password-stdin and the password on standard input (passwords never go on the command line)")
		return 2
	}
	line, err := bufio.NewReader(stdin).ReadString('\n')
	if err != nil && !errors.Is(err, io.EOF) {
		return fail(stderr, err)
	}
	password := strings.TrimRight(line, "\r\n")
	return withStore(*data, *db, stderr, func(m *app.Main) int {
		if _, err := center(m).CreateStaffIn(context.Background(), *username, *role, *agency, password, "cli"); err != nil {
			return fail(stderr, err)
		}
		fmt.Fprintln(stdout, web.Message(cliLang(), "cli.user_created", web.Message(cliLang(), "role."+*role), *username))
		return 0
	})
}

// stationAdd registers a station and prints its one-time enrollment token as the last line.
func stationAdd(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	f := cliflags.New("station add", stderr)
	data, db := storeFlags(f)
	code := f.Str("code", "", "station code, e.g. CCS-01")
	name := f.Str("name", "", "station name")
	agency := f.Str("agency", "", "code of the agency (police force) the station belongs to")
	state := f.Str("state", "", "state the station is in")
	if ok, c := f.Parse(args); !ok {
		return c
	}
	if !f.Require(stderr, map[string]string{"code": *code, "name": *name}) {
		return 2
	}
	return withStore(*data, *db, stderr, func(m *app.Main) int {
		created, tok, err := center(m).CreateStationIn(context.Background(), service.Scope{},
			store.NewStation{Code: *code, Name: *name, Agency: *agency, State: *state}, "cli")
		if err != nil {
			return fail(stderr, err)
		}
		fmt.Fprintf(stdout, "%s\n%s\n", web.Message(cliLang(), "cli.station_created", created.Code, created.Name,
			created.EnrollExpires.Format("2006-01-02 15:04 MST")), tok)
		return 0
	})
}

// stationToken gives an existing station a new one-time enrollment token, printed last.
func stationToken(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	f := cliflags.New("station token", stderr)
	data, db := storeFlags(f)
	code := f.Str("code", "", "station code")
	if ok, c := f.Parse(args); !ok {
		return c
	}
	if !f.Require(stderr, map[string]string{"code": *code}) {
		return 2
	}
	return withStore(*data, *db, stderr, func(m *app.Main) int {
		st, tok, err := center(m).NewEnrollmentToken(context.Background(), service.Scope{}, *code, "cli")
		if err != nil {
			return fail(stderr, err)
		}
		fmt.Fprintf(stdout, "%s\n%s\n", web.Message(cliLang(), "cli.station_token", st.Code, st.Name,
			st.EnrollExpires.Format("2006-01-02 15:04 MST")), tok)
		return 0
	})
}

// officerImport imports officers from a CSV: all rows or none.
func officerImport(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	f := cliflags.New("officer import", stderr)
	data, db := storeFlags(f)
	csvPath := f.Str("csv", "", "CSV file: badge,given_names,family_names,rank,station_code,pin")
	if ok, c := f.Parse(args); !ok {
		return c
	}
	if !f.Require(stderr, map[string]string{"csv": *csvPath}) {
		return 2
	}
	file, err := os.Open(*csvPath)
	if err != nil {
		return fail(stderr, err)
	}
	defer file.Close()
	return withStore(*data, *db, stderr, func(m *app.Main) int {
		res, problems, err := center(m).ImportOfficers(context.Background(), service.Scope{}, file, *csvPath, "cli")
		if err != nil {
			return fail(stderr, err)
		}
		for _, p := range problems {
			fmt.Fprintln(stderr, p.Text(func(id string, args ...any) string { return web.Message(cliLang(), id, args...) }))
		}
		if len(problems) > 0 {
			fmt.Fprintln(stderr, web.Count(cliLang(), "cli.not_imported", len(problems)))
			return 1
		}
		rows := res.Created + res.Updated
		fmt.Fprintln(stdout, web.Message(cliLang(), "cli.officers_imported", rows, res.Created, res.Updated, res.Moved))
		return 0
	})
}

// coursePublish lints a course folder and publishes it as a new version.
func coursePublish(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	f := cliflags.New("course publish", stderr)
	data, db := storeFlags(f)
	if ok, c := f.Parse(args); !ok {
		return c
	}
	if f.NArg() != 1 {
		fmt.Fprintln(stderr, "usage: aula-server course publish --data DIR PATH")
		return 2
	}
	path := f.Arg(0)
	return withStore(*data, *db, stderr, func(m *app.Main) int {
		v, problems, err := center(m).PublishCourse(context.Background(), os.DirFS(path), path, "cli")
		if len(problems) > 0 {
			fmt.Fprintln(stdout, problems.Error())
			fmt.Fprintln(stderr, web.Count(cliLang(), "cli.not_published", len(problems)))
			return 1
		}
		if err != nil {
			return fail(stderr, err)
		}
		fmt.Fprintln(stdout, web.Message(cliLang(), "cli.published", v.CourseID, v.Version))
		return 0
	})
}

// certificateRevoke revokes a certificate (by id or code) with a reason.
func certificateRevoke(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	f := cliflags.New("certificate revoke", stderr)
	data, db := storeFlags(f)
	id := f.Str("id", "", "certificate id or code")
	reason := f.Str("reason", "", "why it is revoked (5 to 500 characters)")
	if ok, c := f.Parse(args); !ok {
		return c
	}
	if !f.Require(stderr, map[string]string{"id": *id, "reason": *reason}) {
		return 2
	}
	return withStore(*data, *db, stderr, func(m *app.Main) int {
		if err := center(m).RevokeCertificate(context.Background(), service.Scope{}, *id, *reason, "cli"); err != nil {
			return fail(stderr, err)
		}
		fmt.Fprintf(stdout, "%s\n", web.Message(cliLang(), "certs.revoked", *id))
		return 0
	})
}

// fail prints err in the user's language (with a line per field of an invalid one) and returns
// the exit code 1.
func fail(stderr io.Writer, err error) int {
	fmt.Fprintf(stderr, "aula-server: %s\n", web.ErrorText(cliLang(), err))
	return 1
}

// syncImport applies a node's sync file (brought on a USB stick) and writes the reply file to
// carry back. It uses the same apply code as HTTP sync.
func syncImport(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	f := cliflags.New("sync import", stderr)
	data, db := storeFlags(f)
	in := f.Str("in", "", "sync file written by aula-node sync export")
	out := f.Str("out", "", "reply file to write, for aula-node sync import")
	if ok, c := f.Parse(args); !ok {
		return c
	}
	if !f.Require(stderr, map[string]string{"in": *in, "out": *out}) {
		return 2
	}
	body, err := os.ReadFile(*in)
	if err != nil {
		return fail(stderr, err)
	}
	return withStore(*data, *db, stderr, func(m *app.Main) int {
		reply, summary, err := m.Sync.ImportFile(context.Background(), body)
		if err != nil {
			return fail(stderr, fmt.Errorf("%s: %w", *in, err))
		}
		if err := auth.WriteFileAtomic(*out, reply, 0o600); err != nil {
			return fail(stderr, err)
		}
		fmt.Fprintf(stdout, "%s\n%s\n", summary, web.Message(cliLang(), "cli.reply_written", *out, *out))
		return 0
	})
}
