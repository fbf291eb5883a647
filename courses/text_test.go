package courses

import "testing"

func TestTextProblem(t *testing.T) {
	for s, want := range map[string]string{
		"María José Núñez": "", "D'Ángelo-Pérez": "", "Sgto. 1ro": "", "": "", "O’Higgins": "", "Łódź 東京": "",
		"Mar\xeda":        TextNotUTF8,
		"Ana \xff\xfe":    TextNotUTF8,
		"Ana \ufffd":      TextNotUTF8,
		"Ana\x00":         TextInvisible,
		"Ana\tPérez":      TextInvisible,
		"Ana\r\nPérez":    TextInvisible,
		"\x1b[2JAna":      TextInvisible,
		"Ana\u0085":       TextInvisible,
		"Ana\u202eazeréP": TextInvisible,
		"Ana\u200b":       TextInvisible,
		"Ana\u00adPérez":  TextInvisible,
		"\ufeffAna":       TextInvisible,
		"Ana\u2028Pérez":  TextInvisible,
		"Ana\ue000":       TextInvisible,
	} {
		if got := TextProblem(s); got != want {
			t.Errorf("TextProblem(%q) = %q; want %q", s, got, want)
		}
	}
}
