package web

import (
	"slices"
	"strings"
)

// navItem is one page of the staff navigation: its message id, where it goes, the roles that may
// open it (the same lists routes.go gives allow(...)), and the other paths that belong to it.
type navItem struct {
	Label, Href string
	roles       []string
	also        []string // path prefixes that show this item as the current one
}

// navSection is a top-level entry of the navigation: a few pages under one name.
type navSection struct {
	Label string
	Items []navItem
}

// navSections is the staff navigation: the header shows the sections a role may open (each a
// link to its first page that role may open), and under the header the pages of the current
// section. Five entries fit one line at 1024 px whatever the role.
var navSections = []navSection{
	{"nav.dashboard", []navItem{{Label: "nav.dashboard", Href: "/", roles: anyStaff, also: []string{"/account"}}}},
	{"nav.programme", []navItem{
		{Label: "compliance.title", Href: "/compliance", roles: anyStaff},
		{Label: "nav.requirements", Href: "/requirements", roles: anyStaff},
		{Label: "nav.workshops", Href: "/workshops", roles: anyStaff},
	}},
	{"nav.courses", []navItem{
		{Label: "nav.courses", Href: "/courses", roles: anyStaff},
		{Label: "nav.drafts", Href: "/drafts", roles: authors},
	}},
	{"nav.records", []navItem{
		{Label: "nav.stations", Href: "/stations", roles: orgRead},
		{Label: "agencies.title", Href: "/agencies", roles: anyStaff},
		{Label: "nav.officers", Href: "/officers", roles: orgRead},
		{Label: "nav.attempts", Href: "/attempts", roles: orgRead, also: []string{"/completions"}},
		{Label: "nav.certificates", Href: "/certificates", roles: orgRead},
	}},
	{"nav.admin", []navItem{
		{Label: "nav.approvals", Href: "/approvals", roles: adminRead, also: []string{"/nodes"}},
		{Label: "nav.staff", Href: "/staff", roles: adminRead},
		{Label: "nav.audit", Href: "/audit", roles: adminRead},
		{Label: "nav.rejects", Href: "/sync/rejects", roles: orgRead},
	}},
}

// navLink is a link of the rendered navigation.
type navLink struct {
	Label, Href string
	Current     bool
}

// navView is what the layout draws: the sections a role sees, and the pages of the current one
// (none on a page outside every section, or when the section has a single page).
type navView struct {
	Sections, Sub []navLink
}

// navFor returns the navigation of role on the page at path.
func navFor(role, path string) navView {
	var v navView
	for _, sec := range navSections {
		var items []navLink
		current := false
		for _, it := range sec.Items {
			if !slices.Contains(it.roles, role) {
				continue
			}
			cur := it.matches(path)
			current = current || cur
			items = append(items, navLink{Label: it.Label, Href: it.Href, Current: cur})
		}
		if len(items) == 0 {
			continue
		}
		v.Sections = append(v.Sections, navLink{Label: sec.Label, Href: items[0].Href, Current: current})
		if current && len(items) > 1 {
			v.Sub = items
		}
	}
	return v
}

// matches says whether the page at path is this item's page or one under it.
func (it navItem) matches(path string) bool {
	for _, p := range append([]string{it.Href}, it.also...) {
		if p == "/" {
			if path == "/" {
				return true
			}
			continue
		}
		if path == p || strings.HasPrefix(path, p+"/") {
			return true
		}
	}
	return false
}
