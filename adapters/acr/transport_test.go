package acr_test

import (
	"context"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/imagesync/imagesync/adapters/acr"
	"github.com/imagesync/imagesync/core"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

type roundTripFunc func(*http.Request) (*http.Response, error)

func (f roundTripFunc) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }

var staticCreds = acr.WithCredentials(acr.StaticCredentials(acr.Credentials{AccessKeyID: "id", AccessKeySecret: "secret"}))

func TestDefaultEndpointIsRegionalHTTPS(t *testing.T) {
	t.Setenv(acr.EndpointEnv, "")
	var seen *http.Request
	rt := roundTripFunc(func(r *http.Request) (*http.Response, error) {
		seen = r
		body := `{"RequestId":"r1","Code":"success","IsSuccess":true,"PageNo":1,"PageSize":30,"TotalCount":"0","SyncTasks":[]}`
		return &http.Response{StatusCode: 200, Header: http.Header{}, Body: io.NopCloser(strings.NewReader(body)), Request: r}, nil
	})
	eng, err := acr.New(acr.Config{Region: "cn-shanghai", Instance: "cri-kmsiwlxxdcva"}, staticCreds, acr.WithTransport(rt))
	require.NoError(t, err)
	page, err := eng.Tasks(context.Background(), core.TaskQuery{Page: 1, PageSize: 30})
	require.NoError(t, err)
	assert.Empty(t, page.Tasks)

	require.NotNil(t, seen)
	assert.Equal(t, http.MethodPost, seen.Method)
	assert.Equal(t, "https", seen.URL.Scheme)
	assert.Equal(t, "cr.cn-shanghai.aliyuncs.com", seen.URL.Host)
	q := seen.URL.Query()
	for k, v := range map[string]string{"Action": "ListRepoSyncTask", "Version": "2018-12-01", "Format": "JSON",
		"SignatureMethod": "HMAC-SHA1", "SignatureVersion": "1.0", "RegionId": "cn-shanghai", "InstanceId": "cri-kmsiwlxxdcva"} {
		assert.Equal(t, v, q.Get(k), k)
	}
	assert.NotEmpty(t, q.Get("Signature"))
}

func TestRequestsAreBoundToTheContext(t *testing.T) {
	rt := roundTripFunc(func(r *http.Request) (*http.Response, error) {
		<-r.Context().Done()
		return nil, r.Context().Err()
	})
	eng, err := acr.New(acr.Config{Region: "cn-shanghai", Instance: "cri-kmsiwlxxdcva", ReadTimeout: time.Minute},
		staticCreds, acr.WithTransport(rt))
	require.NoError(t, err)
	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	start := time.Now()
	_, err = eng.Tasks(ctx, core.TaskQuery{})
	assert.Equal(t, "unavailable", core.KindOf(err), err)
	assert.Less(t, time.Since(start), 5*time.Second)
}
