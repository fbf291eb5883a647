package roster

import (
	"context"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"

	"aula/server/internal/store"
	"aula/sync/auth"
)

// Store is what an import needs from the center's store.
type Store interface {
	StationCodes(ctx context.Context) (map[string]bool, error)
	PINChecks(ctx context.Context) (map[string]string, error)
	ImportOfficers(ctx context.Context, rows []store.OfficerRow, actor string) (store.ImportResult, []store.RowError, error)
}

// Import reads, checks and imports an officer CSV: all rows or none. Every problem of the file
// comes back at once (format, guessable PINs, unknown stations), before any PIN is hashed. key is
// the PIN-check key (LoadKey); with it, an officer whose PIN did not change keeps the stored hash
// instead of paying argon2id again. nil hashes every PIN.
func Import(ctx context.Context, st Store, key []byte, r io.Reader, file, actor string) (store.ImportResult, []Problem, error) {
	stations, err := st.StationCodes(ctx)
	if err != nil {
		return store.ImportResult{}, nil, err
	}
	rows, problems := Parse(r, file, stations)
	if len(problems) > 0 {
		return store.ImportResult{}, problems, nil
	}
	var checks map[string]string
	if key != nil {
		if checks, err = st.PINChecks(ctx); err != nil {
			return store.ImportResult{}, nil, err
		}
	}
	out, err := hashRows(rows, key, checks)
	if err != nil {
		return store.ImportResult{}, nil, err
	}
	res, bad, err := st.ImportOfficers(ctx, out, actor)
	if errors.Is(err, store.ErrPINChanged) { // another import changed a PIN meanwhile
		return store.ImportResult{}, []Problem{{file, 1, "roster.changed", nil}}, nil
	}
	for _, b := range bad { // a station removed since the check
		problems = append(problems, Problem{file, b.Line, "roster.station_unknown", []any{b.Station}})
	}
	return res, problems, err
}

// hashRows turns checked rows into store rows, hashing the PINs with argon2id on every core.
// A row whose PIN check equals the stored one (checks, by badge) keeps the stored hash.
func hashRows(rows []Row, key []byte, checks map[string]string) ([]store.OfficerRow, error) {
	out := make([]store.OfficerRow, len(rows))
	var todo []int
	for i, r := range rows {
		badge := strings.ToUpper(r.Badge)
		out[i] = store.OfficerRow{Line: r.Line, Badge: badge, GivenNames: r.GivenNames, FamilyNames: r.FamilyNames,
			Rank: r.Rank, StationCode: strings.ToUpper(r.StationCode)}
		if key != nil {
			out[i].PINCheck = pinCheck(key, badge, r.PIN)
			if checks[badge] == out[i].PINCheck {
				continue
			}
		}
		todo = append(todo, i)
	}
	// argon2id costs about 1 ms of CPU per PIN (sync/auth): one worker per core.
	next := make(chan int)
	errs := make(chan error, 1)
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), len(todo)) {
		wg.Go(func() {
			for i := range next {
				h, err := auth.HashPIN(rows[i].PIN)
				if err != nil {
					select {
					case errs <- err:
					default:
					}
					continue
				}
				out[i].PINHash = h
			}
		})
	}
	for _, i := range todo {
		next <- i
	}
	close(next)
	wg.Wait()
	select {
	case err := <-errs:
		return nil, err
	default:
		return out, nil
	}
}

// pinCheck is the keyed MAC (HMAC-SHA256) of a badge and its PIN, in hex.
func pinCheck(key []byte, badge, pin string) string {
	m := hmac.New(sha256.New, key)
	m.Write([]byte(badge + "\x00" + pin))
	return hex.EncodeToString(m.Sum(nil))
}

// KeyFile is the PIN-check key's file in the data folder.
const KeyFile = "pin-check.key"

// LoadKey reads the PIN-check key from the data folder, or makes one (mode 0600). The key stays
// out of the database and its backups: without it, the stored PIN checks say nothing about a PIN.
// A lost key costs one import that hashes every PIN again.
func LoadKey(dataDir string) ([]byte, error) {
	path := filepath.Join(dataDir, KeyFile)
	data, err := os.ReadFile(path)
	if err == nil {
		key, err := base64.StdEncoding.DecodeString(strings.TrimSpace(string(data)))
		if err != nil || len(key) < 32 {
			return nil, fmt.Errorf("%s: not a PIN-check key (delete it: a new one is made, and the next import hashes every PIN again)", path)
		}
		return key, nil
	}
	if !errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("read PIN-check key: %w", err)
	}
	key := make([]byte, 32)
	if _, err := rand.Read(key); err != nil {
		return nil, err
	}
	if err := auth.WriteFileAtomic(path, []byte(base64.StdEncoding.EncodeToString(key)+"\n"), 0o600); err != nil {
		return nil, fmt.Errorf("save PIN-check key: %w", err)
	}
	return key, nil
}

// PINCheck is the keyed MAC that the store keeps for a badge and its PIN (see LoadKey), or ""
// without a key.
func PINCheck(key []byte, badge, pin string) string {
	if key == nil {
		return ""
	}
	return pinCheck(key, badge, pin)
}
