package apigwtest

import (
	"bytes"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/huaweicloud/huaweicloud-sdk-go-v3/core/auth/signer"
	"github.com/huaweicloud/huaweicloud-sdk-go-v3/core/request"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestFailuresServeTheirOpInOrder(t *testing.T) {
	a := &Writer{Prefix: "t"}
	q := Failures{Body5xx: `[{"error_code":"X.500"}]`, Code: func(int) string { return "X.4" }}
	q.Add(Failure{Op: "B", Status: 404})
	q.Add(Failure{Status: 503, Times: 2, RetryAfter: "7"})
	rec := httptest.NewRecorder()
	status, ok := q.Answer(rec, a, "A")
	require.True(t, ok)
	assert.Equal(t, 503, status)
	assert.Equal(t, `[{"error_code":"X.500"}]`, rec.Body.String())
	assert.Equal(t, "7", rec.Header().Get("Retry-After"))
	assert.Equal(t, "t-000001", rec.Header().Get("X-Request-Id"))
	rec = httptest.NewRecorder()
	status, _ = q.Answer(rec, a, "B")
	assert.Equal(t, 404, status)
	assert.JSONEq(t, `{"error_code":"X.4","error_msg":"injected Not Found"}`, rec.Body.String())
	_, _ = q.Answer(httptest.NewRecorder(), a, "A")
	_, ok = q.Answer(httptest.NewRecorder(), a, "A")
	assert.False(t, ok, "the queue is spent")
}

func TestGateChecksRouteSignatureAndProject(t *testing.T) {
	const ak, sk, body = "AK0123456789", "sk-0123456789abcdef", `{"a":1}`
	sdkReq := request.NewHttpRequestBuilder().WithEndpoint("http://127.0.0.1").WithMethod(http.MethodPost).
		WithPath("/v1/x").AddHeaderParam("Content-Type", "application/json").WithBody("", body).Build()
	headers, err := signer.Sign(sdkReq, ak, sk)
	require.NoError(t, err)
	r := httptest.NewRequest(http.MethodPost, "http://127.0.0.1/v1/x", bytes.NewBufferString(body))
	r.Header.Set("Content-Type", "application/json")
	for k, v := range headers {
		r.Header.Set(k, v)
	}
	a := &Writer{Prefix: "t"}
	gate := func(known bool, sk string, projectOK bool) int {
		return a.Gate(httptest.NewRecorder(), r, []byte(body), known, ak, sk, time.Now, projectOK)
	}
	assert.Equal(t, http.StatusNotFound, gate(false, sk, true))
	assert.Equal(t, http.StatusUnauthorized, gate(true, "another-secret-key", true))
	assert.Equal(t, http.StatusForbidden, gate(true, sk, false))
	assert.Equal(t, 0, gate(true, sk, true))
}
