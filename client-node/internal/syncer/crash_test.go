package syncer

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os/exec"
	"syscall"
	"testing"
	"time"

	"aula/client-node/internal/store"
	"aula/internal/e2e"
	"aula/internal/pgtest"
)

// crashTrials is how many syncs each crash test must see cut by a SIGKILL, over crashLanes lanes
// run at once (each its own center and node, data folders and ports) so that one lane's waits
// (process start-up, disk syncs) overlap another's work. A kill that lands after the sync
// finished does not count: a lane keeps going (up to three times as many trials) until its
// share was cut.
const (
	crashTrials = 20
	crashLanes  = 4
)

// runCrashLanes runs crashLanes parallel subtests; each sets up its lane with lane (given the
// lane's number), then runs the lane's trials until crashTrials/crashLanes of them reported their
// sync cut, and logs the lane's summary.
func runCrashLanes(t *testing.T, what string, lane func(t *testing.T, i int) (trial func(n int) bool, summary func(trials, cut int) string)) {
	for i := range crashLanes {
		t.Run(fmt.Sprintf("lane%d", i), func(t *testing.T) {
			t.Parallel()
			trial, summary := lane(t, i)
			want, cut, n := crashTrials/crashLanes, 0, 0
			for ; cut < want; n++ {
				if n == 3*want {
					t.Fatalf("only %d of %d trials killed the %s during its sync", cut, n, what)
				}
				if trial(n) {
					cut++
				}
			}
			t.Log(summary(n, cut))
		})
	}
}

// A node process killed with SIGKILL at random moments while it pushes loses and duplicates
// nothing: after a clean sync the center holds exactly the attempts the node made.
func TestNodeKilledDuringPush(t *testing.T) {
	if testing.Short() {
		t.Skip("crash trials take a while")
	}
	t.Parallel()
	pgtest.Dialects(t, func(t *testing.T) {
		_, nodeBin := e2e.Binaries(t)
		runCrashLanes(t, "node", func(t *testing.T, lane int) (func(int) bool, func(int, int) string) {
			c, n := enrolled(t)
			dir := n.DataDir
			st := n.Store
			rng := rand.New(rand.NewPCG(42, uint64(lane)))
			// Calibrate: how long does an uninterrupted sync of one trial's records take here?
			takeTrialAttempts(t, st, 100)
			t0 := time.Now()
			e2e.Must(t, "", nodeBin, "sync", "--data", dir, "--batch", "5")
			measured := time.Since(t0)
			span, total := measured, 150
			trial := func(trial int) bool {
				takeTrialAttempts(t, st, trial)
				total += 150
				cmd := exec.Command(nodeBin, "sync", "--data", dir, "--batch", "5")
				if err := cmd.Start(); err != nil {
					t.Fatal(err)
				}
				// A random moment within the time a sync takes (process start-up included).
				time.Sleep(span/20 + time.Duration(rng.Int64N(int64(span*9/10))))
				_ = cmd.Process.Signal(syscall.SIGKILL)
				killed := cmd.Wait() != nil
				if !killed {
					span = span * 3 / 4 // the sync was faster than measured: aim earlier
				}
				e2e.Must(t, "", nodeBin, "sync", "--data", dir)
				assertExactly(t, c, st, total)
				return killed
			}
			return trial, func(trials, killed int) string {
				return fmt.Sprintf("a sync of 150 attempts takes %v here; %d trials, %d node processes killed mid-sync (the others finished first), %d attempts: none lost, none duplicated", measured, trials, killed, total)
			}
		})
	})
}

// The center killed with SIGKILL at random moments while it applies pushes loses and duplicates
// nothing: after it restarts and the node syncs again, it holds exactly the node's attempts.
func TestCenterKilledMidApply(t *testing.T) {
	if testing.Short() {
		t.Skip("crash trials take a while")
	}
	t.Parallel()
	pgtest.Dialects(t, func(t *testing.T) {
		runCrashLanes(t, "center", func(t *testing.T, lane int) (func(int) bool, func(int, int) string) {
			c, n := enrolled(t)
			st := n.Store
			n.BatchRecords = 5
			rng := rand.New(rand.NewPCG(43, uint64(lane)))
			takeTrialAttempts(t, st, 100)
			t0 := time.Now()
			if err := n.Round(context.Background()); err != nil {
				t.Fatal(err)
			}
			measured := time.Since(t0)
			span, total := measured, 150
			trial := func(trial int) bool {
				takeTrialAttempts(t, st, trial)
				total += 150
				done := make(chan error, 1)
				go func() { done <- n.Round(context.Background()) }()
				time.Sleep(span/20 + time.Duration(rng.Int64N(int64(span*8/10))))
				c.Kill()
				failed := <-done != nil
				if !failed {
					span = span * 3 / 4 // the round was faster than measured: aim earlier
				}
				c.Start()
				if err := n.Round(context.Background()); err != nil {
					t.Fatalf("trial %d: sync after the restart: %v", trial, err)
				}
				assertExactly(t, c, st, total)
				return failed
			}
			return trial, func(trials, failed int) string {
				return fmt.Sprintf("a round of 150 attempts takes %v here; %d trials, %d rounds cut by the center's death, %d attempts: none lost, none duplicated", measured, trials, failed, total)
			}
		})
	})
}

// takeTrialAttempts makes the two officers take 150 attempts between them (a trial's records).
func takeTrialAttempts(t *testing.T, st *store.Store, trial int) {
	t.Helper()
	for i := range 150 {
		takeAttempt(t, st, []string{"PNB-1", "PNB-2"}[i%2], trial*1000+i)
	}
}

// assertExactly checks that the center holds each of the node's attempts once, and nothing else.
func assertExactly(t *testing.T, c *e2e.Center, st *store.Store, total int) {
	t.Helper()
	want := map[string]bool{}
	for _, b := range []string{"PNB-1", "PNB-2"} {
		list, err := st.ListAttempts(context.Background(), b)
		if err != nil {
			t.Fatal(err)
		}
		for _, a := range list {
			want[a.ID] = true
		}
	}
	if len(want) != total {
		t.Fatalf("the node has %d attempts, want %d", len(want), total)
	}
	seen := map[string]bool{}
	for _, a := range centerAttempts(t, c) {
		if seen[a.ID] || !want[a.ID] {
			t.Fatalf("attempt %s duplicated or unknown at the center", a.ID)
		}
		seen[a.ID] = true
	}
	if len(seen) != total {
		t.Fatalf("the center has %d attempts, the node made %d", len(seen), total)
	}
}
