package courses

import (
	"crypto/sha256"
	"encoding/base32"
	"encoding/binary"
	"strconv"
)

// Paper is the set of questions one attempt shows, built deterministically from the quiz and the
// attempt's seed: building it again gives the same questions, order and opaque ids, so a reload
// shows the same paper and the center can re-score the attempt.
//
// A Paper holds no answer data in its exported, serialized fields: correct flags, accepted
// answers, explanations and feedback stay in the Quiz. The key that maps opaque ids back to the
// quiz is unexported.
type Paper struct {
	Questions []PaperQuestion
}

// PaperQuestion is a question as it appears on a paper.
type PaperQuestion struct {
	ID     string // opaque, unique within the paper
	Type   string
	Points int
	Prompt Text
	// Options (single, multiple), Items (ordering, shuffled), Left and Right (matching, the right
	// column shuffled) carry opaque ids.
	Options []Choice
	Items   []Choice
	Left    []Choice
	Right   []Choice

	question int                  // index into Quiz.Questions
	key      map[string]choiceRef // opaque choice id -> what it names
}

// choiceRef is what an opaque choice id names: a kind ('o' option, 'i' item, 'l' left, 'r' right)
// and an index into the question's options, items or pairs.
type choiceRef struct {
	kind byte
	idx  int
}

// Choice is an option, an ordering item or one side of a matching pair, under an opaque id.
type Choice struct {
	ID   string
	Text Text
}

// QuestionID returns the course question id behind a paper question (for item analysis; never
// shown to the officer).
func (p *PaperQuestion) QuestionID(q *Quiz) string { return q.Questions[p.question].ID }

// stream is a deterministic random stream: SHA-256 in counter mode over a seed. It is defined
// here, not taken from math/rand, so that the same seed gives the same paper on every Go version.
type stream struct {
	block   [40]byte // seed, then the big-endian counter
	counter uint64
	sum     [32]byte
	buf     []byte // the unread part of sum
}

func newStream(parts ...string) *stream {
	var buf [160]byte // the seed's parts, each as "length:text" (on the stack for usual seeds)
	in := buf[:0]
	for _, p := range parts {
		in = strconv.AppendInt(in, int64(len(p)), 10)
		in = append(in, ':')
		in = append(in, p...)
	}
	s := &stream{}
	sum := sha256.Sum256(in)
	copy(s.block[:], sum[:])
	return s
}

func (s *stream) uint64() uint64 {
	if len(s.buf) < 8 {
		binary.BigEndian.PutUint64(s.block[32:], s.counter)
		s.counter++
		s.sum = sha256.Sum256(s.block[:])
		s.buf = s.sum[:]
	}
	v := binary.BigEndian.Uint64(s.buf[:8])
	s.buf = s.buf[8:]
	return v
}

// intn returns a uniform integer in [0, n) without modulo bias.
func (s *stream) intn(n int) int {
	max := ^uint64(0) - (^uint64(0) % uint64(n))
	for {
		if v := s.uint64(); v < max {
			return int(v % uint64(n))
		}
	}
}

// permutation returns a deterministic permutation of 0..n-1 (Fisher-Yates).
func (s *stream) permutation(n int) []int {
	p := make([]int, n)
	for i := range p {
		p[i] = i
	}
	for i := n - 1; i > 0; i-- {
		j := s.intn(i + 1)
		p[i], p[j] = p[j], p[i]
	}
	return p
}

var idEncoding = base32.NewEncoding("abcdefghijklmnopqrstuvwxyz234567").WithPadding(base32.NoPadding)

// id draws a short opaque id (60 random bits) that reveals nothing about the position or role of
// what it names.
func (s *stream) id() string {
	var b [8]byte
	binary.BigEndian.PutUint64(b[:], s.uint64())
	return idEncoding.EncodeToString(b[:])[:12]
}

// BuildPaper draws and orders the questions of one attempt from the quiz.
//
// seed must not be computable by the officer: anyone who knows the seed and reads this code can
// map the opaque ids back to the quiz (and so the right order of an ordering question). Callers
// use the attempt id joined with a random secret that is stored with the attempt, synced with it
// for re-scoring and never sent to a terminal (see AttemptSeed).
// Ordering items and the right column of a matching question are always shuffled (their order
// would give the answer away); questions and options are shuffled when the quiz says so.
func BuildPaper(q *Quiz, seed string) *Paper {
	drawn := Drawn(q, seed)
	p := &Paper{Questions: make([]PaperQuestion, 0, len(drawn))}
	for _, qi := range drawn {
		qq := &q.Questions[qi]
		qs := newStream("question", seed, qq.ID)
		pq := PaperQuestion{
			ID:       qs.id(),
			Type:     qq.Type,
			Points:   qq.Points,
			Prompt:   qq.Prompt,
			question: qi,
			key:      map[string]choiceRef{},
		}
		choices := func(texts []Text, kind byte, shuffle bool) []Choice {
			order := qs.permutation(len(texts))
			if !shuffle {
				order = sortedInts(order)
			}
			ids := make([]string, len(texts)) // drawn in authored order, so they do not depend on the shuffle
			for idx := range ids {
				ids[idx] = qs.id()
			}
			out := make([]Choice, len(texts))
			for k, idx := range order {
				pq.key[ids[idx]] = choiceRef{kind, idx}
				out[k] = Choice{ID: ids[idx], Text: texts[idx]}
			}
			return out
		}
		switch qq.Type {
		case Single, Multiple:
			texts := make([]Text, len(qq.Options))
			for i, o := range qq.Options {
				texts[i] = o.Text
			}
			pq.Options = choices(texts, 'o', q.Shuffle)
		case Ordering:
			pq.Items = choices(qq.Items, 'i', true)
		case Matching:
			left := make([]Text, len(qq.Pairs))
			right := make([]Text, len(qq.Pairs))
			for i, pr := range qq.Pairs {
				left[i], right[i] = pr.Left, pr.Right
			}
			pq.Left = choices(left, 'l', q.Shuffle)
			pq.Right = choices(right, 'r', true)
		}
		p.Questions = append(p.Questions, pq)
	}
	return p
}

// Drawn returns which quiz questions the paper of seed holds, in paper order (indices into
// q.Questions). It is the cheap part of BuildPaper: all the center needs to score an attempt
// that arrives in canonical form.
func Drawn(q *Quiz, seed string) []int {
	drawn := newStream("paper", seed).permutation(len(q.Questions))[:q.DrawCount()]
	if !q.Shuffle {
		drawn = sortedInts(drawn)
	}
	return drawn
}

func sortedInts(in []int) []int {
	out := append([]int(nil), in...)
	for i := 1; i < len(out); i++ {
		for j := i; j > 0 && out[j] < out[j-1]; j-- {
			out[j], out[j-1] = out[j-1], out[j]
		}
	}
	return out
}

// AttemptSeed joins an attempt id and the attempt's secret into the seed of its paper.
func AttemptSeed(attemptID, secret string) string { return attemptID + "/" + secret }

// ChoiceIndex returns the index, in the quiz question's options, items or pairs, of the choice
// with this opaque id (for review pages; never sent to a terminal).
func (p *PaperQuestion) ChoiceIndex(id string) (int, bool) {
	ref, ok := p.key[id]
	return ref.idx, ok
}
