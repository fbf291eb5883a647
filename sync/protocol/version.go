package protocol

import (
	"encoding/json"
	"fmt"
	"strings"
)

// ChangeKinds lists every change kind this program knows, each sent to nodes speaking
// ChangeVersion(kind) or later.
var ChangeKinds = []string{ChangeCourse, ChangeRoster, ChangeRevocation, ChangeCert, ChangeNodeRevocation, ChangeUnlock, ChangeRequirements, ChangeWorkshop}

// VersionAnswer is the body of a center's HTTP 426 answer to a push in a protocol version it does
// not speak: why, and the versions it does speak, so the node can tell which program is older.
type VersionAnswer struct {
	Error       string `json:"error"`
	MinProtocol int    `json:"min_protocol"`
	MaxProtocol int    `json:"max_protocol"`
}

// Which program must be upgraded when a node and its center speak no common version.
const (
	UpgradeCenter = "center" // the node is newer than the center
	UpgradeNode   = "node"   // the node is older than the center accepts
)

// UpgradeError is a center's refusal of this program's protocol version.
type UpgradeError struct {
	Upgrade  string // UpgradeCenter or UpgradeNode
	Min, Max int    // the versions the center speaks (0 when it did not say)
	Sent     int    // the version the node spoke
	Detail   string // the center's own words
}

// Error says which program to upgrade, in English (the node's pages show their own words).
func (e *UpgradeError) Error() string {
	if e.Upgrade == UpgradeCenter {
		return fmt.Sprintf("%v: the center speaks versions %d to %d, older than this station's %d; "+
			"the station keeps working offline: upgrade aula-server at the center (%s)", ErrUpgrade, e.Min, e.Max, e.Sent, e.Detail)
	}
	return fmt.Sprintf("%v: the center speaks versions %d to %d and this station %d: upgrade aula-node on this station (%s)",
		ErrUpgrade, e.Min, e.Max, e.Sent, e.Detail)
}

// Unwrap makes errors.Is(err, ErrUpgrade) hold.
func (e *UpgradeError) Unwrap() error { return ErrUpgrade }

// ParseUpgrade reads a center's 426 answer for a push in version sent. A center that predates
// VersionAnswer gives only CheckVersion's text ("... speaks 1 to 1 ..."), read as well; an answer
// that says nothing is taken to mean the center is older, since a center always accepts the
// versions of the nodes released before it.
func ParseUpgrade(body []byte, sent int) *UpgradeError {
	var a struct {
		VersionAnswer
		Message string `json:"message"`
	}
	_ = json.Unmarshal(body, &a)
	e := &UpgradeError{Sent: sent, Min: a.MinProtocol, Max: a.MaxProtocol, Detail: strings.TrimSpace(a.Error + a.Message)}
	if e.Detail == "" {
		e.Detail = strings.TrimSpace(string(body))
	}
	if e.Max == 0 {
		if _, after, ok := strings.Cut(e.Detail, "speaks "); ok {
			fmt.Sscanf(after, "%d to %d", &e.Min, &e.Max)
		}
	}
	e.Upgrade = UpgradeCenter
	if e.Max > 0 && sent < e.Min {
		e.Upgrade = UpgradeNode
	}
	return e
}
