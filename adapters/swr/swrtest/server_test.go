package swrtest_test

import (
	"bytes"
	"net/http"
	"testing"

	"github.com/huaweicloud/huaweicloud-sdk-go-v3/core/auth/signer"
	"github.com/huaweicloud/huaweicloud-sdk-go-v3/core/request"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/imagesync/imagesync/adapters/swr/swrtest"
)

// send signs path and body with the SDK's own signer, then sends sent
// instead of body (to tamper), and returns the status.
func send(t *testing.T, srv *swrtest.Server, path, body, sent string) int {
	t.Helper()
	sdkReq := request.NewHttpRequestBuilder().WithEndpoint(srv.URL).WithMethod(http.MethodPost).WithPath(path).
		AddHeaderParam("Content-Type", "application/json").WithBody("", body).Build()
	headers, err := signer.Sign(sdkReq, swrtest.TestAK, swrtest.TestSK)
	require.NoError(t, err)
	req, err := http.NewRequest(http.MethodPost, srv.URL+path, bytes.NewBufferString(sent))
	require.NoError(t, err)
	req.Header.Set("Content-Type", "application/json")
	for k, v := range headers {
		req.Header.Set(k, v)
	}
	resp, err := srv.Client().Do(req)
	require.NoError(t, err)
	_ = resp.Body.Close()
	return resp.StatusCode
}

func TestServerChecksLikeTheCloud(t *testing.T) {
	const path = "/v2/manage/namespaces/ns1/repos/group$app/sync_images"
	good := `{"imageTag":["v1"],"remoteNamespace":"ns1","remoteRegionId":"cn-east-3"}`
	tests := []struct {
		name, path, body, sent string
		want                   int
	}{
		{"signed and valid", path, good, good, 200},
		{"tampered body", path, good, `{"imageTag":["v2"],"remoteNamespace":"ns1","remoteRegionId":"cn-east-3"}`, 401},
		{"literal slash in repository", "/v2/manage/namespaces/ns1/repos/group/app/sync_images", good, good, 404},
		{"unknown field", path, `{"imageTag":["v1"],"remoteNamespace":"ns1","remoteRegionId":"cn-east-3","x":1}`, "", 400},
		{"wrong type", path, `{"imageTag":"v1","remoteNamespace":"ns1","remoteRegionId":"cn-east-3"}`, "", 400},
		{"missing field", path, `{"imageTag":["v1"],"remoteRegionId":"cn-east-3"}`, "", 400},
		{"unknown region", path, `{"imageTag":["v1"],"remoteNamespace":"ns1","remoteRegionId":"xx-none-1"}`, "", 400},
		{"missing repository", "/v2/manage/namespaces/ns1/repos/nope/sync_images", good, good, 404},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := swrtest.New(swrtest.Config{})
			defer srv.Close()
			srv.AddRepository("ns1", "group/app")
			sent := tt.sent
			if sent == "" {
				sent = tt.body
			}
			assert.Equal(t, tt.want, send(t, srv, tt.path, tt.body, sent))
		})
	}
}
