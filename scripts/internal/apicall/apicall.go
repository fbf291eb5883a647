// Package apicall is the JSON client of the demo's helper commands (scripts/demodraft,
// scripts/demoquiz): one request, its answer decoded.
package apicall

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
)

// Call sends a request to base+path with an optional Bearer token and headers (body: nil, raw
// bytes, or a value sent as JSON) and decodes a 2xx answer into out (nil: ignored); any other
// status is an error with the answer's text.
func Call(base, method, path, token string, headers map[string]string, body, out any) error {
	var r io.Reader
	switch b := body.(type) {
	case nil:
	case []byte:
		r = bytes.NewReader(b)
	default:
		data, err := json.Marshal(b)
		if err != nil {
			return err
		}
		r = bytes.NewReader(data)
	}
	req, err := http.NewRequest(method, base+path, r)
	if err != nil {
		return err
	}
	if _, ok := body.([]byte); !ok && body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	for k, v := range headers {
		req.Header.Set(k, v)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	data, _ := io.ReadAll(resp.Body)
	if resp.StatusCode/100 != 2 {
		return fmt.Errorf("%s %s: %s %s", method, path, resp.Status, data)
	}
	if out != nil {
		return json.Unmarshal(data, out)
	}
	return nil
}
