package acr_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/imagesync/imagesync/adapters/acr"
	"github.com/imagesync/imagesync/adapters/acr/acrtest"
	"github.com/imagesync/imagesync/core"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestProviderFailuresMapOntoKinds(t *testing.T) {
	tests := []struct {
		name     string
		fault    acrtest.Fault
		kind     string
		status   int
		attempts int
	}{
		{"NoPrivilege is forbidden, not retried", acrtest.Fault{Code: "NoPrivilege", Times: -1}, "forbidden", 403, 1},
		{"business refusal at HTTP 200", acrtest.Fault{Code: "NoPrivilege", Status: 200, Times: -1}, "forbidden", 200, 1},
		{"unknown code at HTTP 200 is invalid", acrtest.Fault{Code: "TAG_INVALID", Status: 200, Times: -1}, "invalid", 200, 1},
		{"missing parameter", acrtest.Fault{Code: "MissingParameter", Times: -1}, "invalid", 400, 1},
		{"SystemError on every call", acrtest.Fault{Code: "SystemError", Times: -1}, "unavailable", 500, 4},
		{"throttling on every call", acrtest.Fault{Code: "Throttling.User", Times: -1}, "throttled", 400, 4},
		{"not found", acrtest.Fault{Code: "REPO_NOT_EXIST", Status: 200, Times: -1}, "not_found", 200, 1},
		{"conflict", acrtest.Fault{Code: "SYNC_TASK_ALREADY_EXIST", Status: 200, Times: -1}, "conflict", 200, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFixture(t)
			tt.fault.Action = "GetRepository"
			tt.fault.Message = "injected for " + tt.name
			f.srv.Fail(tt.fault)
			_, err := f.eng.Sync(context.Background(), seedRequest())
			require.Error(t, err)
			assert.Equal(t, tt.kind, core.KindOf(err), err.Error())
			var pe *core.ProviderError
			require.True(t, errors.As(err, &pe))
			assert.Equal(t, tt.fault.Code, pe.Code)
			assert.Equal(t, tt.status, pe.Status)
			assert.Equal(t, "injected for "+tt.name, pe.Message)
			assert.Regexp(t, `^EMU-REQ-`, pe.RequestID)
			assert.Contains(t, err.Error(), "request id "+pe.RequestID)
			assert.Len(t, f.srv.Calls("GetRepository"), tt.attempts)
			assert.Empty(t, f.srv.Tasks())
		})
	}
}

func TestTransientFailuresAreRetried(t *testing.T) {
	for _, code := range []string{"Throttling.User", "SystemError", "ServiceUnavailable"} {
		t.Run(code, func(t *testing.T) {
			f := newFixture(t)
			f.srv.Fail(acrtest.Fault{Action: "CreateRepoSyncTask", Code: code, Times: 2})
			task, err := f.eng.Sync(context.Background(), seedRequest())
			require.NoError(t, err)
			assert.Equal(t, core.StatusPending, task.Status)
			assert.Len(t, f.srv.Tasks(), 1, "exactly one task")
			creates := f.srv.Calls("CreateRepoSyncTask")
			require.Len(t, creates, 3)
			assert.Equal(t, []string{code, code, ""}, []string{creates[0].Fault, creates[1].Fault, creates[2].Fault})
			assert.Len(t, f.srv.Calls("ListRepoSyncTask"), 3, "each attempt looks for an in-flight task first")
		})
	}
}

func TestRetryHonoursDeadline(t *testing.T) {
	f := newFixture(t)
	f.srv.Fail(acrtest.Fault{Code: "Throttling", Times: -1, RetryAfter: 30})
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	start := time.Now()
	_, err := f.eng.Sync(ctx, seedRequest())
	assert.Equal(t, "throttled", core.KindOf(err), err)
	assert.Equal(t, 30*time.Second, core.RetryAfter(err))
	assert.Less(t, time.Since(start), time.Second, "a Retry-After past the deadline is not waited for")
}

// A Retry-After over the one policy's max wait (2 minutes, as for every
// engine) fails at once, throttled, rather than hold the sync (was: waited
// a minute, then tried again).
func TestRetryAfterOverTheMaxWaitFailsAtOnce(t *testing.T) {
	f := newFixture(t)
	f.srv.Fail(acrtest.Fault{Code: "Throttling", Times: -1, RetryAfter: 180})
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
	defer cancel()
	_, err := f.eng.Sync(ctx, seedRequest())
	assert.Equal(t, "throttled", core.KindOf(err), err)
	assert.Equal(t, 3*time.Minute, core.RetryAfter(err))
	assert.Len(t, f.srv.Calls(""), 1, "no second try")
}

func TestWrongCredentialsAreUnauthorized(t *testing.T) {
	tests := []struct {
		name  string
		creds acr.Credentials
		code  string
	}{
		{"wrong secret", acr.Credentials{AccessKeyID: acrtest.TestAccessKeyID, AccessKeySecret: "wrong-secret"}, "SignatureDoesNotMatch"},
		{"unknown key", acr.Credentials{AccessKeyID: "LTAI-nobody", AccessKeySecret: "x-secret"}, "InvalidAccessKeyId.NotFound"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFixture(t, acr.WithCredentials(acr.StaticCredentials(tt.creds)))
			_, err := f.eng.Sync(context.Background(), seedRequest())
			assert.Equal(t, "unauthorized", core.KindOf(err), err)
			var pe *core.ProviderError
			require.True(t, errors.As(err, &pe))
			assert.Equal(t, tt.code, pe.Code)
			assert.NotContains(t, err.Error(), tt.creds.AccessKeySecret)
		})
	}
}

func TestUnreachableEndpointIsUnavailable(t *testing.T) {
	srv := acrtest.New()
	url := srv.URL
	srv.Close()
	eng, err := acr.New(acr.Config{Region: srcRegion, Instance: srcInstance, Endpoint: url, MaxAttempts: 2,
		RetryBase: time.Millisecond, RetryMax: time.Millisecond},
		acr.WithCredentials(acr.StaticCredentials(acr.Credentials{AccessKeyID: "id", AccessKeySecret: "s3cret-value", SecurityToken: "tok3n-value"})))
	require.NoError(t, err)
	_, err = eng.Tasks(context.Background(), core.TaskQuery{})
	assert.Equal(t, "unavailable", core.KindOf(err), err)
	assert.NotContains(t, err.Error(), "tok3n-value")
	assert.NotContains(t, err.Error(), "Signature=")
}
