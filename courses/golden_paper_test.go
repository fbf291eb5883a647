package courses

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"testing"
)

// TestPaperStreamIsStable pins the papers of fixed seeds. A node and the center may run different
// Aula versions: if the stream or the draw changed, the center would re-score synced attempts
// against a different paper and flag honest officers as mismatches. A change here is a protocol
// change, never a refactoring.
func TestPaperStreamIsStable(t *testing.T) {
	quiz := testQuiz()
	quiz.Shuffle = true
	quiz.Draw = 5
	h := sha256.New()
	for _, seed := range []string{"a/1", "0193a8e0-0000-7000-8000-000000000001/s3cr3t", "", "ñandú"} {
		b, err := json.Marshal(struct {
			Drawn []int
			Paper *Paper
		}{Drawn(quiz, seed), BuildPaper(quiz, seed)})
		if err != nil {
			t.Fatal(err)
		}
		h.Write(b)
	}
	const want = "58c3cc3b629767a4fe6f26b38751b085017bebcd5e9e44fcae7466898a86331d"
	if got := hex.EncodeToString(h.Sum(nil)); got != want {
		t.Fatalf("papers of fixed seeds changed: sum %s, want %s", got, want)
	}
}
