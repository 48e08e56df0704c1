package swr_test

import (
	"bytes"
	"context"
	"fmt"
	"github.com/imagesync/imagesync/adapters/huawei"
	"log/slog"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/imagesync/imagesync/adapters/swr"
	"github.com/imagesync/imagesync/adapters/swr/swrtest"
)

func TestSecretsNeverLogged(t *testing.T) {
	var logs bytes.Buffer
	logger := slog.New(slog.NewJSONHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	creds := huawei.Credentials{AK: swrtest.TestAK, SK: swrtest.TestSK, SecurityToken: "token-secret-value"}
	e, srv := newEnv(t, huawei.WithLogger(logger), huawei.WithCredentials(creds))
	srv.Fail(swrtest.Failure{Status: 500, Times: 2, Body: `{"error_code":"X","error_msg":"echo ` + swrtest.TestSK + `"}`})
	_, err := e.Sync(context.Background(), syncReq("v1"))
	require.NoError(t, err)
	_, err = e.Task(context.Background(), "swr:cn-north-4:ns1:group$app:v1:cn-east-3:ns1:1:999")
	require.Error(t, err)

	assert.NotEmpty(t, logs.String())
	for _, s := range []string{logs.String(), err.Error(), fmt.Sprintf("%v %+v %#v %s", creds, creds, creds, creds)} {
		assert.NotContains(t, s, swrtest.TestSK)
		assert.NotContains(t, s, "token-secret-value")
		assert.NotContains(t, s, "Signature=")
	}
	assert.Contains(t, logs.String(), "[redacted]", "a provider message quoting the key is redacted")
}

func TestNewReadsCredentialsFromEnv(t *testing.T) {
	env := func(m map[string]string) func(string) string { return func(k string) string { return m[k] } }
	tests := []struct {
		name string
		env  map[string]string
		ok   bool
	}{
		{"seed names", map[string]string{"CLOUD_SDK_AK": "a", "CLOUD_SDK_SK": "b"}, true},
		{"sdk names", map[string]string{"HUAWEICLOUD_SDK_AK": "a", "HUAWEICLOUD_SDK_SK": "b"}, true},
		{"none", map[string]string{}, false},
		{"bad endpoint", map[string]string{"CLOUD_SDK_AK": "a", "CLOUD_SDK_SK": "b", "IMAGESYNC_SWR_ENDPOINT": "ftp://x"}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := swr.New(swr.Config{}, huawei.WithGetenv(env(tt.env)))
			if tt.ok {
				assert.NoError(t, err)
			} else {
				assert.Error(t, err)
			}
		})
	}
}
