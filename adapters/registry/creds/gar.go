package creds

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"time"

	"github.com/google/go-containerregistry/pkg/authn"
	"github.com/imagesync/imagesync/adapters/registry"
	"github.com/imagesync/imagesync/core"
)

// Google returns a keychain of access tokens of the default service
// account from the metadata server (GCE_METADATA_HOST, default
// metadata.google.internal), used as user "oauth2accesstoken".
func Google(getenv func(string) string, rt http.RoundTripper) *Keychain {
	host := getenv("GCE_METADATA_HOST")
	if host == "" {
		host = "metadata.google.internal"
	}
	url := "http://" + host + "/computeMetadata/v1/instance/service-accounts/default/token"
	return &Keychain{Match: registry.GoogleHost, Exchange: func(ctx context.Context, reg string) (authn.AuthConfig, time.Time, error) {
		var none authn.AuthConfig
		req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
		if err != nil {
			return none, time.Time{}, err
		}
		req.Header.Set("Metadata-Flavor", "Google")
		res, err := (&http.Client{Transport: ctxRT{ctx: ctx, rt: rt}}).Do(req)
		if err != nil {
			return none, time.Time{}, fmt.Errorf("google token for %s: %w: %w", reg, core.ErrUnavailable, err)
		}
		defer res.Body.Close()
		var tok struct {
			AccessToken string `json:"access_token"`
			ExpiresIn   int64  `json:"expires_in"`
		}
		body, _ := io.ReadAll(io.LimitReader(res.Body, 1<<20))
		if res.StatusCode != http.StatusOK || json.Unmarshal(body, &tok) != nil || tok.AccessToken == "" {
			return none, time.Time{}, core.Errorf(core.ErrUnauthorized, "google token for %s: metadata server answered %d", reg, res.StatusCode)
		}
		exp := time.Now().Add(time.Duration(tok.ExpiresIn) * time.Second)
		return authn.AuthConfig{Username: "oauth2accesstoken", Password: tok.AccessToken}, exp, nil
	}}
}
