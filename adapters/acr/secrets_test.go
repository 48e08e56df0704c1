package acr_test

import (
	"context"
	"fmt"
	"log/slog"
	"net/url"
	"strings"
	"testing"

	"github.com/imagesync/imagesync/adapters/acr"
	"github.com/imagesync/imagesync/adapters/acr/acrtest"
	"github.com/imagesync/imagesync/core"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// An STS key whose secret and token hold characters that URL encoding
// changes, so that every encoded form is checked.
const (
	stsKeyID  = "STS.test-key"
	stsSecret = "sts-secret/with+chars*"
	stsToken  = "CAIS token/with+chars*and=more~"
)

func TestCredentialsNeverAppearInErrorsOrLogs(t *testing.T) {
	tests := []struct {
		name   string
		secret string
		token  string
		kind   string
	}{
		{"valid STS credentials", stsSecret, stsToken, ""},
		{"wrong secret: SignatureDoesNotMatch echoes the string to sign", "wrong/" + stsSecret, stsToken, "unauthorized"},
		{"wrong token", stsSecret, stsToken + "x", "unauthorized"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var seen []string
			provider := func(ctx context.Context) (acr.Credentials, error) {
				seen = append(seen, "called")
				return acr.Credentials{AccessKeyID: stsKeyID, AccessKeySecret: tt.secret, SecurityToken: tt.token}, nil
			}
			f := newFixture(t, acr.WithCredentials(provider))
			f.srv.AddAccessKey(stsKeyID, stsSecret, stsToken)
			f.srv.Fail(acrtest.Fault{Action: "ListRepoSyncTask", Code: "Throttling.User", Times: 1})

			_, syncErr := f.eng.Sync(context.Background(), seedRequest())
			_, taskErr := f.eng.Task(context.Background(), "acr:"+srcRegion+":"+srcInstance+":rst-missing")
			if tt.kind == "" {
				require.NoError(t, syncErr)
				assert.Equal(t, "not_found", core.KindOf(taskErr))
			} else {
				assert.Equal(t, tt.kind, core.KindOf(syncErr), syncErr)
			}
			assert.NotEmpty(t, seen, "the provider is asked on every call")

			out := f.logs.String()
			for _, err := range []error{syncErr, taskErr} {
				if err != nil {
					out += "\n" + err.Error() + fmt.Sprintf("\n%+v\n%#v", err, err)
				}
			}
			require.NotEmpty(t, f.logs.String())
			for _, secret := range []string{tt.secret, tt.token, stsSecret, stsToken} {
				for _, form := range []string{secret, url.QueryEscape(secret), url.QueryEscape(url.QueryEscape(secret))} {
					assert.NotContains(t, out, form)
				}
			}
			assert.False(t, strings.Contains(out, "Signature="), "no signed URL is shown")
		})
	}
}

func TestCredentialsPrintRedacted(t *testing.T) {
	c := acr.Credentials{AccessKeyID: "LTAI-id", AccessKeySecret: stsSecret, SecurityToken: stsToken}
	var b strings.Builder
	slog.New(slog.NewTextHandler(&b, nil)).Info("creds", "c", c)
	for _, s := range []string{fmt.Sprint(c), fmt.Sprintf("%v %+v %#v %s", c, c, c, c), b.String()} {
		assert.NotContains(t, s, stsSecret)
		assert.NotContains(t, s, stsToken)
		assert.Contains(t, s, "LTAI-id")
	}
}
