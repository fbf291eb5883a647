package protocol

import (
	"errors"
	"testing"
)

// A center's 426 answer tells the node which program is older: the new answer with the center's
// versions, and the text of a center that predates it.
func TestParseUpgrade(t *testing.T) {
	for _, c := range []struct {
		body     string
		sent     int
		upgrade  string
		min, max int
	}{
		{`{"error":"x","min_protocol":1,"max_protocol":2}`, 3, UpgradeCenter, 1, 2},
		{`{"error":"x","min_protocol":2,"max_protocol":3}`, 1, UpgradeNode, 2, 3},
		{`{"error":"sync protocol version not supported: the message uses version 2, this program speaks 1 to 1; upgrade the older program"}`, 2, UpgradeCenter, 1, 1},
		{`{"message":"sync protocol version not supported: the message uses version 1, this program speaks 2 to 3; upgrade the older program"}`, 1, UpgradeNode, 2, 3},
		{`bad gateway`, 2, UpgradeCenter, 0, 0},
	} {
		e := ParseUpgrade([]byte(c.body), c.sent)
		if e.Upgrade != c.upgrade || e.Min != c.min || e.Max != c.max || !errors.Is(e, ErrUpgrade) || e.Detail == "" {
			t.Errorf("%s: %+v", c.body, e)
		}
	}
}

// Every change kind needs a version this program speaks; node revocations came with version 2.
func TestChangeVersion(t *testing.T) {
	for _, k := range []string{ChangeCourse, ChangeRoster, ChangeRevocation, ChangeCert, ChangeNodeRevocation} {
		if v := ChangeVersion(k); v < MinVersion || v > Version {
			t.Errorf("%s needs version %d", k, v)
		}
	}
	if ChangeVersion(ChangeNodeRevocation) != 2 || ChangeVersion(ChangeCert) != 1 {
		t.Error("node revocations are version 2, certificates version 1")
	}
	if ChangeVersion(ChangeRequirements) != 3 || ContentVersion(ChangeRoster) != 3 || ContentVersion(ChangeCert) != 1 {
		t.Error("requirements are version 3, the roster's commander flag too; certificates unchanged since 1")
	}
	if MinVersion != 1 {
		t.Error("nodes of the first release must keep syncing")
	}
}
