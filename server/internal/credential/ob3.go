package credential

import (
	"crypto/ed25519"
	"fmt"
	"strconv"
	"time"
)

// Contexts of an OpenBadgeCredential: Verifiable Credentials 2.0 and Open Badges 3.0.3.
const (
	ContextVC2 = "https://www.w3.org/ns/credentials/v2"
	ContextOB3 = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"
)

// Badge is what an OpenBadgeCredential says about one certificate.
type Badge struct {
	BaseURL     string // the center's public address, no trailing slash
	IssuerName  string
	CertID      string
	Badge       string // the officer's badge: only its salted hash leaves (SubjectID)
	Name        string // the course or workshop title
	Description string
	Criteria    string
	Hours       float64
	Area        string
	CourseID    string // "" for a workshop certificate
	Version     int
	Language    string // of the texts, e.g. "es"
	IssuedAt    time.Time
	ExpiresAt   time.Time // zero: never
	StatusIndex int64     // the certificate's bit in the status lists
}

// StatusListSize is how many certificates one status list covers (16 KiB of bits, the Bitstring
// Status List's minimum, so a list says nothing about how many certificates exist).
const StatusListSize = 131072

// Profile is the issuer: the center.
type Profile struct {
	ID   string   `json:"id"`
	Type []string `json:"type"`
	Name string   `json:"name"`
	URL  string   `json:"url,omitempty"`
}

// Achievement is what was achieved: a course (version) or a workshop.
type Achievement struct {
	ID               string   `json:"id"`
	Type             []string `json:"type"`
	AchievementType  string   `json:"achievementType"`
	Name             string   `json:"name"`
	Description      string   `json:"description"`
	Criteria         Criteria `json:"criteria"`
	CreditsAvailable float64  `json:"creditsAvailable"`
	FieldOfStudy     string   `json:"fieldOfStudy,omitempty"`
	Tag              []string `json:"tag,omitempty"`
	InLanguage       string   `json:"inLanguage,omitempty"`
	Version          string   `json:"version,omitempty"`
}

// Criteria says how the achievement is earned.
type Criteria struct {
	Narrative string `json:"narrative"`
}

// Subject is the officer, by his salted identifier.
type Subject struct {
	ID            string      `json:"id"`
	Type          []string    `json:"type"`
	Achievement   Achievement `json:"achievement"`
	CreditsEarned float64     `json:"creditsEarned"`
}

// StatusEntry points at the certificate's bit in a Bitstring Status List credential.
type StatusEntry struct {
	ID                   string `json:"id"`
	Type                 string `json:"type"`
	StatusPurpose        string `json:"statusPurpose"`
	StatusListIndex      string `json:"statusListIndex"`
	StatusListCredential string `json:"statusListCredential"`
}

// OpenBadgeCredential is the VC-JWT payload: the credential and its JWT claims.
type OpenBadgeCredential struct {
	Context           []string     `json:"@context"`
	ID                string       `json:"id"`
	Type              []string     `json:"type"`
	Name              string       `json:"name"`
	Issuer            Profile      `json:"issuer"`
	ValidFrom         string       `json:"validFrom"`
	ValidUntil        string       `json:"validUntil,omitempty"`
	CredentialSubject Subject      `json:"credentialSubject"`
	CredentialStatus  *StatusEntry `json:"credentialStatus,omitempty"`
	Iss               string       `json:"iss"`
	Sub               string       `json:"sub"`
	Jti               string       `json:"jti"`
	Nbf               int64        `json:"nbf"`
	Iat               int64        `json:"iat"`
	Exp               int64        `json:"exp,omitempty"`
}

// IssuerID is the center's issuer profile id.
func IssuerID(baseURL string) string { return baseURL + "/api/v1/issuer" }

// StatusListURL is the address of status list n.
func StatusListURL(baseURL string, n int64) string {
	return baseURL + "/api/v1/status-lists/" + strconv.FormatInt(n, 10)
}

// Credential builds the OpenBadgeCredential of b, issued by the holder of key.
func Credential(key ed25519.PrivateKey, b Badge) OpenBadgeCredential {
	achID := b.BaseURL + "/api/v1/achievements/course/" + b.CourseID + "/" + strconv.Itoa(b.Version)
	kind, version := "Course", strconv.Itoa(b.Version)
	if b.CourseID == "" {
		achID, kind, version = b.BaseURL+"/api/v1/achievements/certificate/"+b.CertID, "Certificate", ""
	}
	var tags []string
	if b.Area != "" {
		tags = []string{b.Area}
	}
	list := b.StatusIndex / StatusListSize
	c := OpenBadgeCredential{
		Context: []string{ContextVC2, ContextOB3},
		ID:      b.BaseURL + "/api/v1/certificates/" + b.CertID + "/ob3",
		Type:    []string{"VerifiableCredential", "OpenBadgeCredential"},
		Name:    b.Name,
		Issuer:  Profile{ID: IssuerID(b.BaseURL), Type: []string{"Profile"}, Name: b.IssuerName, URL: b.BaseURL},
		CredentialSubject: Subject{
			ID: SubjectID(key, b.Badge), Type: []string{"AchievementSubject"}, CreditsEarned: b.Hours,
			Achievement: Achievement{ID: achID, Type: []string{"Achievement"}, AchievementType: kind, Name: b.Name,
				Description: b.Description, Criteria: Criteria{Narrative: b.Criteria}, CreditsAvailable: b.Hours,
				FieldOfStudy: b.Area, Tag: tags, InLanguage: b.Language, Version: version},
		},
		CredentialStatus: &StatusEntry{
			ID:   fmt.Sprintf("%s#%d", StatusListURL(b.BaseURL, list), b.StatusIndex%StatusListSize),
			Type: "BitstringStatusListEntry", StatusPurpose: "revocation",
			StatusListIndex: strconv.FormatInt(b.StatusIndex%StatusListSize, 10), StatusListCredential: StatusListURL(b.BaseURL, list),
		},
	}
	from := b.IssuedAt.UTC().Truncate(time.Second)
	c.ValidFrom = from.Format(time.RFC3339)
	c.Iss, c.Sub, c.Jti, c.Nbf, c.Iat = c.Issuer.ID, c.CredentialSubject.ID, c.ID, from.Unix(), from.Unix()
	if !b.ExpiresAt.IsZero() {
		until := b.ExpiresAt.UTC().Truncate(time.Second)
		c.ValidUntil, c.Exp = until.Format(time.RFC3339), until.Unix()
	}
	return c
}
