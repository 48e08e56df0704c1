package acrtest

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var nonce int

// signed returns the common parameters of a valid request for action,
// plus extra, signed with secret.
func signed(action, secret string, extra map[string]string, edit func(map[string]string)) url.Values {
	nonce++
	p := map[string]string{"Action": action, "Version": "2018-12-01", "Format": "JSON", "AccessKeyId": TestAccessKeyID,
		"SignatureMethod": "HMAC-SHA1", "SignatureVersion": "1.0", "SignatureNonce": fmt.Sprint("n-", nonce),
		"Timestamp": time.Now().UTC().Format("2006-01-02T15:04:05Z"), "RegionId": "cn-beijing"}
	for k, v := range extra {
		p[k] = v
	}
	if edit != nil {
		edit(p)
	}
	p["Signature"] = Sign(StringToSign(http.MethodPost, p), secret)
	v := url.Values{}
	for k, s := range p {
		v.Set(k, s)
	}
	return v
}

func post(t *testing.T, s *Server, form url.Values) (int, map[string]any) {
	t.Helper()
	resp, err := http.Post(s.URL+"/", "application/x-www-form-urlencoded", strings.NewReader(form.Encode()))
	require.NoError(t, err)
	defer resp.Body.Close()
	var body map[string]any
	require.NoError(t, json.NewDecoder(resp.Body).Decode(&body))
	return resp.StatusCode, body
}

func TestServerChecksRequestsLikeTheService(t *testing.T) {
	s := New()
	defer s.Close()
	repo := s.AddRepository("cn-beijing", "cri-src", "ns1", "repo1")
	replayed := signed("GetRepository", TestAccessKeySecret, map[string]string{"InstanceId": "cri-src", "RepoId": repo}, nil)
	post(t, s, replayed)
	tests := []struct {
		name   string
		form   url.Values
		status int
		code   string
	}{
		{"valid", signed("GetRepository", TestAccessKeySecret, map[string]string{"InstanceId": "cri-src", "RepoId": repo}, nil), 200, "success"},
		{"wrong secret", signed("GetRepository", "wrong", map[string]string{"InstanceId": "cri-src"}, nil), 400, "SignatureDoesNotMatch"},
		{"replayed nonce", replayed, 400, "SignatureNonceUsed"},
		{"unknown key", signed("GetRepository", TestAccessKeySecret, nil, func(p map[string]string) { p["AccessKeyId"] = "nobody" }), 404, "InvalidAccessKeyId.NotFound"},
		{"old timestamp", signed("GetRepository", TestAccessKeySecret, nil, func(p map[string]string) { p["Timestamp"] = "2020-01-01T00:00:00Z" }), 400, "InvalidTimeStamp.Expired"},
		{"no version", signed("GetRepository", TestAccessKeySecret, nil, func(p map[string]string) { delete(p, "Version") }), 400, "MissingParameter"},
		{"wrong version", signed("GetRepository", TestAccessKeySecret, nil, func(p map[string]string) { p["Version"] = "2016-06-07" }), 400, "InvalidVersion"},
		{"XML", signed("GetRepository", TestAccessKeySecret, nil, func(p map[string]string) { p["Format"] = "XML" }), 400, "InvalidParameter.Format"},
		{"unknown action", signed("DeleteEverything", TestAccessKeySecret, nil, nil), 404, "InvalidAction.NotFound"},
		{"missing required parameter", signed("CreateRepoSyncTask", TestAccessKeySecret, map[string]string{"InstanceId": "cri-src", "RepoId": repo}, nil), 400, "MissingParameter"},
		{"unknown instance", signed("GetRepository", TestAccessKeySecret, map[string]string{"InstanceId": "cri-nope", "RepoId": repo}, nil), 200, "INSTANCE_NOT_EXIST"},
		{"unknown repository", signed("GetRepository", TestAccessKeySecret, map[string]string{"InstanceId": "cri-src", "RepoId": "crr-nope"}, nil), 200, "REPO_NOT_EXIST"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			status, body := post(t, s, tt.form)
			assert.Equal(t, tt.status, status)
			assert.Equal(t, tt.code, body["Code"])
			assert.NotEmpty(t, body["RequestId"])
			if status == 200 {
				assert.Equal(t, tt.code == "success", body["IsSuccess"])
			}
		})
	}
}

func TestServerFaultsAndProgress(t *testing.T) {
	s := New()
	defer s.Close()
	repo := s.AddRepository("cn-beijing", "cri-src", "ns1", "repo1")
	s.AddInstance("cn-hangzhou", "cri-dst")
	s.Fail(Fault{Action: "CreateRepoSyncTask", Code: "Throttling.User", RetryAfter: 2})
	create := map[string]string{"InstanceId": "cri-src", "RepoId": repo, "Tag": "t", "TargetInstanceId": "cri-dst",
		"TargetNamespace": "ns1", "TargetRegionId": "cn-hangzhou", "TargetRepoName": "repo1", "TargetTag": "t"}
	status, body := post(t, s, signed("CreateRepoSyncTask", TestAccessKeySecret, create, nil))
	assert.Equal(t, 400, status)
	assert.Equal(t, "Throttling.User", body["Code"])
	status, body = post(t, s, signed("CreateRepoSyncTask", TestAccessKeySecret, create, nil))
	require.Equal(t, 200, status)
	id := body["SyncTaskId"]

	var seen []any
	for range 4 {
		_, body = post(t, s, signed("GetRepoSyncTask", TestAccessKeySecret, map[string]string{"InstanceId": "cri-src", "SyncTaskId": fmt.Sprint(id)}, nil))
		seen = append(seen, body["TaskStatus"])
	}
	assert.Equal(t, []any{"PENDING", "SYNCHRONIZING", "SUCCESS", "SUCCESS"}, seen)
}
