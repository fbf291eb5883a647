package courses

// QuestionView is a paper question in one language, shaped as the officers' API sends it:
// {"id","type","prompt","points", "options" | "items" | "left","right"}.
type QuestionView struct {
	ID      string       `json:"id"`
	Type    string       `json:"type"`
	Prompt  string       `json:"prompt"`
	Points  int          `json:"points"`
	Options []ChoiceView `json:"options,omitempty"`
	Items   []ChoiceView `json:"items,omitempty"`
	Left    []ChoiceView `json:"left,omitempty"`
	Right   []ChoiceView `json:"right,omitempty"`
}

// ChoiceView is a choice in one language.
type ChoiceView struct {
	ID   string `json:"id"`
	Text string `json:"text"`
}

// View returns the paper's questions in lang (falling back to def).
func (p *Paper) View(lang, def string) []QuestionView {
	out := make([]QuestionView, len(p.Questions))
	for i, q := range p.Questions {
		out[i] = QuestionView{
			ID: q.ID, Type: q.Type, Prompt: q.Prompt.In(lang, def), Points: q.Points,
			Options: choiceViews(q.Options, lang, def),
			Items:   choiceViews(q.Items, lang, def),
			Left:    choiceViews(q.Left, lang, def),
			Right:   choiceViews(q.Right, lang, def),
		}
	}
	return out
}

func choiceViews(cs []Choice, lang, def string) []ChoiceView {
	if len(cs) == 0 {
		return nil
	}
	out := make([]ChoiceView, len(cs))
	for i, c := range cs {
		out[i] = ChoiceView{ID: c.ID, Text: c.Text.In(lang, def)}
	}
	return out
}
