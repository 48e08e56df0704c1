package hsstest

import (
	"fmt"
	"io"
	"net/http"
	"sync/atomic"
)

var requestSeq atomic.Int64

func writeRaw(w http.ResponseWriter, status int, body string) int {
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("X-Request-Id", fmt.Sprintf("hsstest-%06d", requestSeq.Add(1)))
	w.WriteHeader(status)
	_, _ = io.WriteString(w, body)
	return status
}

func writeErr(w http.ResponseWriter, status int, code, msg string) int {
	return writeRaw(w, status, fmt.Sprintf(`{"error_code":%q,"error_msg":%q}`, code, msg))
}
