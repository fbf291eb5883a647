package protocol

// Programme is the required training of one station as the center knows it (a requirements
// change, protocol version 3): what applies there, and for each officer of the roster the facts
// the node needs to compute statuses offline with courses/compliance — the day each requirement
// first applied to him, and the completions of required courses the center holds (including
// those earned at other stations, which the node never saw). Days are "YYYY-MM-DD" in the
// center's time zone.
type Programme struct {
	Agency       string             `json:"ag,omitempty"` // the station's agency code
	State        string             `json:"st,omitempty"`
	Requirements []Requirement      `json:"rq"`
	Officers     []OfficerProgramme `json:"of,omitempty"`
	AsOf         int64              `json:"t"` // Unix seconds, center clock: when this was computed
}

// Requirement is a required course whose agency and station scope takes in the station; the
// rank, if any, is left for the node to match against each officer.
type Requirement struct {
	ID         int64  `json:"i"`
	CourseID   string `json:"c"`
	Agency     string `json:"ag,omitempty"`
	Station    string `json:"sn,omitempty"`
	Rank       string `json:"r,omitempty"`
	DueDate    string `json:"dd,omitempty"` // exactly one of DueDate and DueDays
	DueDays    int    `json:"dn,omitempty"`
	WindowDays int    `json:"w"`
}

// OfficerProgramme is one officer's facts for the station's requirements.
type OfficerProgramme struct {
	Badge string `json:"b"`
	// Applied maps a requirement id (decimal) to the day it first applied to the officer.
	Applied map[string]string `json:"a,omitempty"`
	Done    []Completion      `json:"d,omitempty"`
}

// Completion is a completion of a required course (any version) with its certificate's days.
type Completion struct {
	CourseID  string `json:"c"`
	Version   int    `json:"v"`
	Completed string `json:"on"`
	Expires   string `json:"ex,omitempty"` // "" never expires
	Revoked   bool   `json:"rv,omitempty"`
}
