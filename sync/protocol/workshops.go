package protocol

import "aula/courses"

// Workshop is an in-person workshop scheduled at the node's station (a workshop change, protocol
// version 4), as the center holds it now. Date is the day it is held (YYYY-MM-DD). Status is
// scheduled, closed or approved; Credits (once approved) names the certificate the center issued
// to each officer of the station who attended, so the node can show it with the workshop.
type Workshop struct {
	ID       string         `json:"i"`
	Title    courses.Text   `json:"ti"`
	Area     string         `json:"ar"`
	Hours    float64        `json:"h"`
	Date     string         `json:"d"`
	Trainer  string         `json:"tr,omitempty"`
	CourseID string         `json:"c,omitempty"`
	Status   string         `json:"st"`
	Credits  []WorkshopCred `json:"cr,omitempty"`
}

// WorkshopCred is one officer's certificate for an approved workshop.
type WorkshopCred struct {
	Badge  string `json:"b"`
	CertID string `json:"ce"`
}

// WorkshopFact is one fact of a workshop taken at the station (records ws_attendance, ws_guest,
// ws_close, protocol version 4): ID is made on the node (the same fact sent twice is applied
// once); At is the node's clock, for display only. An attendance names Badge (the officer who
// signed in with his PIN); a guest names Name, Document and Institution; a close only the
// workshop.
type WorkshopFact struct {
	ID          string `json:"i"`
	Workshop    string `json:"ws"`
	Badge       string `json:"b,omitempty"`
	Name        string `json:"nm,omitempty"`
	Document    string `json:"doc,omitempty"`
	Institution string `json:"in,omitempty"`
	By          string `json:"by,omitempty"` // the commander who added the guest or closed the list
	At          int64  `json:"t"`
}
