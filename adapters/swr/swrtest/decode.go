package swrtest

import (
	"bytes"
	"encoding/json"
	"net/http"
)

// decodeStrict reads a JSON body the way SWR's API gateway does: unknown
// fields and wrong types are refused.
func decodeStrict(w http.ResponseWriter, body []byte, v any) (int, bool) {
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return writeErr(w, http.StatusBadRequest, "SVCSTG.SWR.4001001", "invalid request body: "+err.Error()), false
	}
	if dec.More() {
		return writeErr(w, http.StatusBadRequest, "SVCSTG.SWR.4001001", "invalid request body: trailing data"), false
	}
	return 0, true
}

// missing answers 400 naming the first required field that is absent.
func missing(w http.ResponseWriter, fields map[string]bool) (int, bool) {
	for _, name := range []string{"imageTag", "remoteRegionId", "remoteNamespace"} {
		if present, asked := fields[name]; asked && !present {
			return writeErr(w, http.StatusBadRequest, "SVCSTG.SWR.4001002", "missing required field "+name), true
		}
	}
	return 0, false
}
