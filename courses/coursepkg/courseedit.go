package coursepkg

import (
	"bytes"
	"errors"
	"strconv"

	"aula/courses"

	"go.yaml.in/yaml/v3"
)

// CourseDetails are the fields of course.yaml a person edits in a form (the studio): everything
// but the id and the version, which a draft keeps.
type CourseDetails struct {
	Language    string
	Languages   []string
	Area        string
	Title       courses.Text
	Summary     courses.Text
	Hours       float64
	Issue       string // certificate.issue
	ValidMonths int    // certificate.valid_months
}

// errNotMapping is returned when course.yaml is not a YAML mapping.
var errNotMapping = errors.New("course.yaml is not a mapping of fields")

// courseRoot parses course.yaml into its document and top-level mapping.
func courseRoot(data []byte) (*yaml.Node, *yaml.Node, error) {
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return nil, nil, err
	}
	if doc.Kind == 0 || len(doc.Content) == 0 {
		doc = yaml.Node{Kind: yaml.DocumentNode, Content: []*yaml.Node{mapping()}}
	}
	root := doc.Content[0]
	if root.Kind != yaml.MappingNode {
		return nil, nil, errNotMapping
	}
	return &doc, root, nil
}

// ReadCourseDetails reads the editable fields of course.yaml as written, leniently: a value of
// the wrong kind is left at its zero value (the linter reports it). It fails only when the file
// is not YAML or not a mapping.
func ReadCourseDetails(data []byte) (CourseDetails, error) {
	var d CourseDetails
	_, root, err := courseRoot(data)
	if err != nil {
		return d, err
	}
	get := func(k string) *yaml.Node {
		for i := 0; i+1 < len(root.Content); i += 2 {
			if root.Content[i].Value == k {
				return root.Content[i+1]
			}
		}
		return nil
	}
	d.Language = courses.Languages[0]
	if n := get("language"); n != nil && n.Kind == yaml.ScalarNode {
		d.Language = n.Value
	}
	if n := get("languages"); n != nil && n.Kind == yaml.SequenceNode {
		for _, l := range n.Content {
			d.Languages = append(d.Languages, l.Value)
		}
	} else {
		d.Languages = []string{d.Language}
	}
	if n := get("area"); n != nil && n.Kind == yaml.ScalarNode {
		d.Area = n.Value
	}
	d.Title, d.Summary = looseText(get("title"), d.Language), looseText(get("summary"), d.Language)
	if n := get("hours"); n != nil && n.Kind == yaml.ScalarNode {
		d.Hours, _ = strconv.ParseFloat(n.Value, 64)
	}
	d.Issue = courses.IssueNone
	if n := get("certificate"); n != nil && n.Kind == yaml.MappingNode {
		for i := 0; i+1 < len(n.Content); i += 2 {
			switch v := n.Content[i+1]; n.Content[i].Value {
			case "issue":
				d.Issue = v.Value
			case "valid_months":
				d.ValidMonths, _ = strconv.Atoi(v.Value)
			}
		}
	}
	return d, nil
}

// looseText reads a text written as a plain string (in lang) or as a map of language to string.
func looseText(n *yaml.Node, lang string) courses.Text {
	t := courses.Text{}
	switch {
	case n == nil:
	case n.Kind == yaml.ScalarNode:
		t[lang] = n.Value
	case n.Kind == yaml.MappingNode:
		for i := 0; i+1 < len(n.Content); i += 2 {
			t[n.Content[i].Value] = n.Content[i+1].Value
		}
	}
	return t
}

// SetCourseDetails writes d into course.yaml: the fields it names are replaced (or added, in the
// format's order), everything else (id, version, comments) is kept. Empty texts in a language are
// left out, so the linter names the missing translation.
func SetCourseDetails(data []byte, d CourseDetails) ([]byte, error) {
	doc, root, err := courseRoot(data)
	if err != nil {
		return nil, err
	}
	set := func(k string, v *yaml.Node) {
		for i := 0; i+1 < len(root.Content); i += 2 {
			if root.Content[i].Value == k {
				v.HeadComment, v.LineComment = root.Content[i+1].HeadComment, root.Content[i+1].LineComment
				root.Content[i+1] = v
				return
			}
		}
		root.Content = append(root.Content, key(k), v)
	}
	langs := &yaml.Node{Kind: yaml.SequenceNode, Style: yaml.FlowStyle}
	for _, l := range d.Languages {
		langs.Content = append(langs.Content, strNode(l))
	}
	cert := mapping()
	cert.Content = append(cert.Content, key("issue"), strNode(d.Issue), key("valid_months"), intNode(d.ValidMonths))
	set("language", strNode(d.Language))
	set("languages", langs)
	set("area", strNode(d.Area))
	set("title", textNode(nonEmpty(d.Title)))
	set("summary", textNode(nonEmpty(d.Summary)))
	set("hours", floatNode(d.Hours))
	set("certificate", cert)
	var buf bytes.Buffer
	enc := yaml.NewEncoder(&buf)
	enc.SetIndent(2)
	if err := enc.Encode(doc); err != nil {
		return nil, err
	}
	if err := enc.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// nonEmpty is t without its empty translations.
func nonEmpty(t courses.Text) courses.Text {
	out := courses.Text{}
	for l, s := range t {
		if s != "" {
			out[l] = s
		}
	}
	return out
}

// LessonTitle reads the title of a lesson file's front matter, leniently: a plain title is in
// lang (the file's language), a map gives a title per language. Nothing when there is none.
func LessonTitle(data []byte, lang string) courses.Text {
	front, _, _, ok := splitFrontMatter(data)
	if !ok {
		return courses.Text{}
	}
	var root yaml.Node
	if yaml.Unmarshal(front, &root) != nil || len(root.Content) == 0 || root.Content[0].Kind != yaml.MappingNode {
		return courses.Text{}
	}
	m := root.Content[0]
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == "title" {
			return looseText(m.Content[i+1], lang)
		}
	}
	return courses.Text{}
}
