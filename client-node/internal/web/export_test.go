package web

import "sort"

// UIMessages returns every user-visible string of the node in lang, with its fmt verbs, longest
// first (tests strip them from pages to see what else a page shows).
func UIMessages(lang string) []string {
	var out []string
	for id := range messages {
		out = append(out, messages.T(lang, id))
	}
	sort.Slice(out, func(i, j int) bool { return len(out[i]) > len(out[j]) })
	return out
}
