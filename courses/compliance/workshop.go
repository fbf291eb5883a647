package compliance

// WorkshopCompletes reports whether attending an approved in-person workshop that names a course
// completes that course (docs/workshops.md, "Counting for a course"): when the course's
// certificate rule is "approval" (a person decides anyway, and the trainer who approves the
// workshop is that person), or when the workshop itself says so. A workshop that names no course
// completes nothing. A completion made this way is a certificate of the course like any other:
// it satisfies the course's requirements and expires with the course's validity.
func WorkshopCompletes(courseID, certIssue string, workshopSays bool) bool {
	if courseID == "" {
		return false
	}
	return certIssue == "approval" || workshopSays
}
