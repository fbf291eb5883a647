package roster

import (
	"strings"

	"aula/courses"
)

// StationProblems checks a new station's code and name (both already trimmed) as the web form,
// the API and the command line take them, and returns the message id of each bad field ("code",
// "name"); none when both are good.
func StationProblems(code, name string) map[string]string {
	fields := map[string]string{}
	if !ValidStationCode(code) {
		fields["code"] = "v.station_code"
	}
	switch {
	case courses.TextProblem(name) != "":
		fields["name"] = courses.TextProblem(name)
	case name == "" || len(name) > 120 || strings.TrimSpace(name) != name:
		fields["name"] = "v.station_name"
	}
	return fields
}
