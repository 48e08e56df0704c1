package acr

import (
	"io"
	"net/http"
	"strings"

	"github.com/aliyun/alibaba-cloud-sdk-go/sdk/responses"
)

// fakeResponse builds the SDK's CommonResponse for a body, the way the SDK
// does after a request.
func fakeResponse(status int, body string) *responses.CommonResponse {
	resp := responses.NewCommonResponse()
	raw := &http.Response{StatusCode: status, Header: http.Header{}, Body: io.NopCloser(strings.NewReader(body))}
	_ = responses.Unmarshal(resp, raw, "JSON")
	return resp
}
