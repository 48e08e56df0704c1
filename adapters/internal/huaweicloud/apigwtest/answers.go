package apigwtest

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"sync/atomic"
	"time"
)

// Writer answers as the gateway does: JSON with an X-Request-Id made of
// Prefix and a sequence number. It is safe for concurrent use; do not copy
// it once used.
type Writer struct {
	Prefix string
	seq    atomic.Int64
}

// Raw answers status with body as it is.
func (a *Writer) Raw(w http.ResponseWriter, status int, body string) int {
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("X-Request-Id", fmt.Sprintf("%s-%06d", a.Prefix, a.seq.Add(1)))
	w.WriteHeader(status)
	_, _ = io.WriteString(w, body)
	return status
}

// JSON answers status with v as JSON.
func (a *Writer) JSON(w http.ResponseWriter, status int, v any) int {
	b, _ := json.Marshal(v)
	return a.Raw(w, status, string(b))
}

// Err answers status with an {"error_code","error_msg"} object.
func (a *Writer) Err(w http.ResponseWriter, status int, code, msg string) int {
	return a.JSON(w, status, map[string]string{"error_code": code, "error_msg": msg})
}

// Gate answers what the gateway refuses before the service sees a request,
// in this order: an unknown API (known false: 404 APIGW.0101), a signature
// that is not ak/sk's (401 APIGW.0301) and a project the key may not use
// (projectOK false: 403 APIGW.0302). It returns the status it answered, or
// 0 when the request may pass.
func (a *Writer) Gate(w http.ResponseWriter, r *http.Request, body []byte, known bool,
	ak, sk string, now func() time.Time, projectOK bool) int {
	if !known {
		return a.Err(w, http.StatusNotFound, "APIGW.0101", "The API does not exist or has not been published in the environment")
	}
	if err := VerifySignature(r, body, ak, sk, now()); err != nil {
		return a.Err(w, http.StatusUnauthorized, "APIGW.0301", "Incorrect IAM authentication information: "+err.Error())
	}
	if !projectOK {
		return a.Err(w, http.StatusForbidden, "APIGW.0302", "The IAM user is not authorized to access the project")
	}
	return 0
}
