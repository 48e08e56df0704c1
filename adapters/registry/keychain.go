package registry

import (
	"fmt"
	"os"
	"strings"

	"github.com/google/go-containerregistry/pkg/authn"
	"github.com/imagesync/imagesync/core"
)

// Credential is a static login for one registry host. The secret is never
// part of the configuration: it is read, each time it is needed, from the
// environment variable or the file named here.
type Credential struct {
	Host         string `json:"host"`                   // registry host[:port], e.g. ghcr.io
	Username     string `json:"username"`               // e.g. a robot account, or "AWS", "oauth2accesstoken"
	PasswordEnv  string `json:"passwordEnv,omitempty"`  // environment variable holding the password or token
	PasswordFile string `json:"passwordFile,omitempty"` // or a file holding it (trailing newline ignored)
	// Password is a secret the CLI read from where its flags said
	// (--src-creds-env, --src-creds-file, ...). It is never decoded from a
	// configuration file (no JSON name: such a key is refused as unknown).
	Password string `json:"-"`
	// Helper names a docker credential helper that gives the login instead
	// (docker-credential-ecr-login, or ecr-login): credhelper.go.
	Helper string `json:"helper,omitempty"`
}

// String names the credential without its secret.
func (c Credential) String() string {
	if c.Helper != "" {
		return "helper " + c.Helper + " for " + c.Host
	}
	return c.Username + "@" + c.Host
}

// StaticKeychain resolves registry hosts to their configured credentials;
// hosts it does not know resolve to anonymous, so that a multi-keychain
// may ask the next keychain.
func StaticKeychain(creds []Credential, getenv func(string) string) authn.Keychain {
	m := make(map[string]Credential, len(creds))
	for _, c := range creds {
		m[normalHost(c.Host)] = c
	}
	return staticKeychain{m: m, getenv: getenv}
}

type staticKeychain struct {
	m      map[string]Credential
	getenv func(string) string
}

func (k staticKeychain) Resolve(r authn.Resource) (authn.Authenticator, error) {
	c, ok := k.m[normalHost(r.RegistryStr())]
	if !ok {
		return authn.Anonymous, nil
	}
	if c.Helper != "" {
		user, secret, err := helperLogin(c.Helper, c.Host)
		if err != nil {
			return nil, err
		}
		if user == "<token>" { // docker's convention for an identity token
			return authn.FromConfig(authn.AuthConfig{IdentityToken: secret}), nil
		}
		return authn.FromConfig(authn.AuthConfig{Username: user, Password: secret}), nil
	}
	secret, err := c.secret(k.getenv)
	if err != nil {
		return nil, err
	}
	return authn.FromConfig(authn.AuthConfig{Username: c.Username, Password: secret}), nil
}

func (c Credential) secret(getenv func(string) string) (string, error) {
	switch {
	case c.Password != "":
		return c.Password, nil
	case c.PasswordEnv != "":
		if s := getenv(c.PasswordEnv); s != "" {
			return s, nil
		}
		return "", core.Errorf(core.ErrUnauthorized, "credential %s: environment variable %s is empty", c, c.PasswordEnv)
	case c.PasswordFile != "":
		b, err := os.ReadFile(c.PasswordFile)
		if err != nil {
			return "", core.Errorf(core.ErrUnauthorized, "credential %s: reading password file: %v", c, err)
		}
		return strings.TrimRight(string(b), "\r\n"), nil
	}
	return "", fmt.Errorf("credential %s: %w: passwordEnv or passwordFile is required", c, core.ErrInvalid)
}

// normalHost folds Docker Hub's aliases into one key.
func normalHost(h string) string {
	switch h = strings.ToLower(h); h {
	case "docker.io", "index.docker.io", "registry-1.docker.io":
		return "index.docker.io"
	}
	return h
}

// Check returns why the credential is unusable, or "".
func (c Credential) Check() string {
	switch {
	case c.Host == "":
		return "host is required"
	case c.Helper != "" && (c.Username != "" || c.PasswordEnv != "" || c.PasswordFile != ""):
		return "a helper gives the login: leave username, passwordEnv and passwordFile out"
	case c.Helper != "" && !helperName.MatchString(c.Helper):
		return "helper must be a credential helper's name (ecr-login, or docker-credential-ecr-login), run from PATH: letters, digits, '.', '_' or '-'"
	case c.Helper != "":
		return ""
	case c.Username == "":
		return "username is required"
	case (c.PasswordEnv == "") == (c.PasswordFile == ""):
		return "give exactly one of passwordEnv and passwordFile (never the secret itself)"
	}
	return ""
}
