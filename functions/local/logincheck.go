package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"time"

	"github.com/docker/cli/cli/config/credentials"
	"github.com/google/go-containerregistry/pkg/authn"
	"github.com/google/go-containerregistry/pkg/name"
	"github.com/google/go-containerregistry/pkg/v1/remote/transport"
)

// checkLogin tries the login on host's registry as docker login does:
// its /v2/ answers 200 to a good login (after whatever token exchange the
// registry asks for), 401 to a bad one.
func checkLogin(ctx context.Context, host, user, password string) error {
	ctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	reg, err := name.NewRegistry(credentials.ConvertToHostname(host))
	if err != nil {
		return err
	}
	auth := authn.FromConfig(authn.AuthConfig{Username: user, Password: password})
	tr, err := transport.NewWithContext(ctx, reg, auth, http.DefaultTransport, nil)
	if err != nil {
		return loginError(reg, err)
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, reg.Scheme()+"://"+reg.RegistryStr()+"/v2/", nil)
	if err != nil {
		return err
	}
	res, err := (&http.Client{Transport: tr}).Do(req)
	if err != nil {
		return loginError(reg, err)
	}
	defer res.Body.Close()
	_, _ = io.Copy(io.Discard, io.LimitReader(res.Body, 64<<10))
	switch res.StatusCode {
	case http.StatusOK:
		return nil
	case http.StatusUnauthorized, http.StatusForbidden:
		return fmt.Errorf("%s refused the login of %s (%s): wrong user or password", reg, user, res.Status)
	}
	return fmt.Errorf("%s answered %s to the login check (--check=false stores the login unchecked)", reg, res.Status)
}

func loginError(reg name.Registry, err error) error {
	var te *transport.Error
	if errors.As(err, &te) && (te.StatusCode == http.StatusUnauthorized || te.StatusCode == http.StatusForbidden) {
		return fmt.Errorf("%s refused the login (%d): wrong user or password", reg, te.StatusCode)
	}
	return fmt.Errorf("checking the login on %s: %w (--check=false stores the login unchecked)", reg, err)
}
