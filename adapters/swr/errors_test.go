package swr_test

import (
	"context"
	"errors"
	"github.com/imagesync/imagesync/adapters/huawei"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/imagesync/imagesync/adapters/swr"
	"github.com/imagesync/imagesync/adapters/swr/swrtest"
	"github.com/imagesync/imagesync/core"
)

func TestErrorMapping(t *testing.T) {
	tests := []struct {
		name     string
		fail     swrtest.Failure
		kind     error
		code     string
		attempts int
	}{
		{"400", swrtest.Failure{Status: 400}, core.ErrInvalid, "SVCSTG.SWR.4000001", 1},
		{"401", swrtest.Failure{Status: 401}, core.ErrUnauthorized, "SVCSTG.SWR.4010001", 1},
		{"403", swrtest.Failure{Status: 403}, core.ErrForbidden, "SVCSTG.SWR.4030001", 1},
		{"404", swrtest.Failure{Status: 404}, core.ErrNotFound, "SVCSTG.SWR.4040001", 1},
		{"429", swrtest.Failure{Status: 429, Times: 9}, core.ErrThrottled, "SVCSTG.SWR.4290001", 4},
		{"500 json array", swrtest.Failure{Status: 500, Times: 9}, core.ErrUnavailable, "SVCSTG.SWR.5000001", 4},
		{"502 text", swrtest.Failure{Status: 502, Times: 9, Body: "bad gateway"}, core.ErrUnavailable, "", 4},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e, srv := newEnv(t)
			tt.fail.Op = "ListSyncRegions"
			srv.Fail(tt.fail)
			_, err := e.Sync(context.Background(), syncReq("v1"))
			require.ErrorIs(t, err, tt.kind)
			var pe *core.ProviderError
			require.ErrorAs(t, err, &pe)
			assert.Equal(t, "swr", pe.Provider)
			assert.Equal(t, tt.code, pe.Code)
			assert.Equal(t, tt.fail.Status, pe.Status)
			assert.NotEmpty(t, pe.RequestID)
			assert.Contains(t, err.Error(), "[request id "+pe.RequestID+"]")
			assert.Len(t, ops(srv, "ListSyncRegions"), tt.attempts)
		})
	}
}

func TestErrorArrayBodyKeepsHuaweiMessage(t *testing.T) {
	e, srv := newEnv(t)
	srv.Fail(swrtest.Failure{Op: "ShowSyncJob", Status: 500, Times: 9,
		Body: `[{"error_code":"SVCSTG.SWR.5000012","error_msg":"database busy"},{"error_code":"SVCSTG.SWR.5000013","error_msg":"retry later"}]`})
	_, err := e.Sync(context.Background(), syncReq("v1"))
	require.ErrorIs(t, err, core.ErrUnavailable)
	assert.Contains(t, err.Error(), "(SVCSTG.SWR.5000012,SVCSTG.SWR.5000013)")
	assert.Contains(t, err.Error(), "database busy; retry later")
}

func TestRealNotFoundAndWrongKey(t *testing.T) {
	e, srv := newEnv(t)
	req := syncReq("v1")
	req.Source.Repository, req.Target.Repository = "missing/app", "missing/app"
	_, err := e.Sync(context.Background(), req)
	require.ErrorIs(t, err, core.ErrNotFound)
	assert.Contains(t, err.Error(), "the organization or repository was not found")

	bad, err := swr.New(swr.Config{Endpoint: srv.URL}, huawei.WithGetenv(noEnv), huawei.WithTransport(loopbackOnly(t)),
		huawei.WithCredentials(huawei.Credentials{AK: swrtest.TestAK, SK: "wrong-secret-key-value"}))
	require.NoError(t, err)
	_, err = bad.Sync(context.Background(), syncReq("v1"))
	require.ErrorIs(t, err, core.ErrUnauthorized)
	assert.Contains(t, err.Error(), "APIGW.0301")
	assert.NotContains(t, err.Error(), "wrong-secret-key-value")
}

func TestRetryRecoversFromTransientFailures(t *testing.T) {
	e, srv := newEnv(t)
	srv.Fail(swrtest.Failure{Op: "CreateManualImageSyncRepo", Status: 500, Times: 2})
	task, err := e.Sync(context.Background(), syncReq("v1"))
	require.NoError(t, err)
	assert.Equal(t, core.StatusPending, task.Status)
	assert.Len(t, ops(srv, "CreateManualImageSyncRepo"), 3)
	assert.Len(t, srv.Jobs(), 1)
}

func TestRetryStopsAtTheDeadline(t *testing.T) {
	e, srv := newEnv(t, huawei.WithBackoff(time.Second, 10*time.Second))
	srv.Fail(swrtest.Failure{Op: "ListSyncRegions", Status: 429, Times: 99, RetryAfter: "30"})
	ctx, cancel := context.WithTimeout(context.Background(), 300*time.Millisecond)
	defer cancel()
	start := time.Now()
	_, err := e.Sync(ctx, syncReq("v1"))
	require.ErrorIs(t, err, core.ErrThrottled)
	assert.Less(t, time.Since(start), 250*time.Millisecond, "a wait past the deadline is not started")
	assert.Equal(t, 30*time.Second, core.RetryAfter(err))
	assert.Len(t, ops(srv, "ListSyncRegions"), 1)
}

func TestCancelledContextAbortsTheCall(t *testing.T) {
	e, _ := newEnv(t)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := e.Sync(ctx, syncReq("v1"))
	require.ErrorIs(t, err, core.ErrUnavailable)
	assert.True(t, errors.Is(err, core.ErrUnavailable))
}
