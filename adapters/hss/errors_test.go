package hss_test

import (
	"bytes"
	"context"
	"github.com/imagesync/imagesync/adapters/huawei"
	"log/slog"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/imagesync/imagesync/adapters/hss"
	"github.com/imagesync/imagesync/adapters/hss/hsstest"
	"github.com/imagesync/imagesync/core"
)

func TestErrorMapping(t *testing.T) {
	tests := []struct {
		name     string
		fail     hsstest.Failure
		kind     error
		code     string
		attempts int
	}{
		{"400", hsstest.Failure{Status: 400}, core.ErrInvalid, "HSS.400", 1},
		{"401", hsstest.Failure{Status: 401}, core.ErrUnauthorized, "HSS.401", 1},
		{"403", hsstest.Failure{Status: 403}, core.ErrForbidden, "HSS.403", 1},
		{"404", hsstest.Failure{Status: 404}, core.ErrNotFound, "HSS.404", 1},
		{"429", hsstest.Failure{Status: 429, Times: 9}, core.ErrThrottled, "HSS.429", 4},
		{"500 json array", hsstest.Failure{Status: 500, Times: 9}, core.ErrUnavailable, "HSS.5000", 4},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e, srv := newEnv(t, hss.Config{})
			srv.Fail(tt.fail)
			task, err := e.Sync(context.Background(), core.SyncRequest{Target: target(swrPrivate)})
			require.ErrorIs(t, err, tt.kind)
			assert.NotEqual(t, core.StatusSuccess, task.Status)
			var pe *core.ProviderError
			require.ErrorAs(t, err, &pe)
			assert.Equal(t, "hss", pe.Provider)
			assert.Equal(t, tt.code, pe.Code)
			assert.NotEmpty(t, pe.RequestID)
			assert.Len(t, srv.Requests(), tt.attempts)
		})
	}
}

func TestEmulatorRefusals(t *testing.T) {
	e, _ := newEnv(t, hss.Config{})
	_, err := e.Sync(context.Background(), core.SyncRequest{Target: target(core.HSSRegistry{ID: "unknown", Type: "Jfrog"})})
	require.ErrorIs(t, err, core.ErrNotFound)

	wrongRegion := target(swrPrivate)
	wrongRegion.Region = "cn-east-3"
	_, err = e.Sync(context.Background(), core.SyncRequest{Target: wrongRegion})
	require.ErrorIs(t, err, core.ErrInvalid)
	assert.Contains(t, err.Error(), "region header")
}

func TestWrongKeyIsUnauthorizedAndNothingLeaks(t *testing.T) {
	var logs bytes.Buffer
	logger := slog.New(slog.NewJSONHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	e, _ := newEnv(t, hss.Config{}, huawei.WithLogger(logger),
		huawei.WithCredentials(huawei.Credentials{AK: hsstest.TestAK, SK: "wrong-hss-secret-key"}))
	_, err := e.Sync(context.Background(), core.SyncRequest{Target: target(swrPrivate)})
	require.ErrorIs(t, err, core.ErrUnauthorized)
	assert.NotEmpty(t, logs.String())
	for _, s := range []string{logs.String(), err.Error()} {
		assert.NotContains(t, s, "wrong-hss-secret-key")
		assert.NotContains(t, s, "Signature=")
	}
}

func TestNewRefusesBadConfig(t *testing.T) {
	noEnv := huawei.WithGetenv(func(string) string { return "" })
	_, err := hss.New(hss.Config{}, noEnv)
	assert.ErrorIs(t, err, core.ErrInvalid, "no credentials")
	creds := huawei.WithCredentials(huawei.Credentials{AK: "a", SK: "b"})
	_, err = hss.New(hss.Config{Registries: []core.HSSRegistry{{ID: "x", Type: "Quay"}}}, noEnv, creds)
	assert.ErrorIs(t, err, core.ErrInvalid, "unknown registry type")
	_, err = hss.New(hss.Config{Region: "cn-north-4", ProjectID: "p", All: true}, noEnv, creds)
	assert.NoError(t, err)
}
