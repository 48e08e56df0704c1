package registry

import (
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"net/http"

	"github.com/imagesync/imagesync/core"
)

// CertificateError is a registry's TLS certificate that failed
// verification. It names the host and the settings that fix it; it is
// core.ErrUnavailable (the registry cannot be reached as configured).
type CertificateError struct {
	Host string // where the certificate was presented: the host, or its address
	For  string // the registry host Host is the address of (registry.hosts[].address), or ""
	Err  error  // the x509 / tls verification error
}

func (e *CertificateError) Error() string {
	return fmt.Sprintf("registry %s: TLS certificate not trusted: %v; give the CA that signed it "+
		"(registry.hosts[].ca, CLI --src-ca/--dest-ca), or skip verification (tls: insecure, CLI --src-tls/--dest-tls=insecure)",
		hostOf(e.Host, e.For), e.Err)
}

func (e *CertificateError) Unwrap() []error { return []error{e.Err, core.ErrUnavailable} }

// PlainHTTPError is a registry that answered an HTTPS request in plain
// HTTP. It is core.ErrUnavailable.
type PlainHTTPError struct {
	Host string // the host, or the address it is reached at
	For  string // the registry host Host is the address of, or ""
}

func (e *PlainHTTPError) Error() string {
	return fmt.Sprintf("registry %s: %v; if it serves plain HTTP, set tls: disabled for it "+
		"(registry.hosts[].tls, CLI --src-tls/--dest-tls=disabled or --insecure)", hostOf(e.Host, e.For), http.ErrSchemeMismatch)
}

// hostOf names host in errors, and the registry host it is the address of.
func hostOf(host, of string) string {
	if of == "" {
		return host
	}
	return host + " (the address of " + of + ")"
}

func (e *PlainHTTPError) Unwrap() []error {
	return []error{http.ErrSchemeMismatch, core.ErrUnavailable}
}

// explain turns a certificate failure or a plain HTTP answer to HTTPS into
// an error naming the host connected to (req's) and its fix; of is the
// registry host req's host is the address of, or "". Other errors pass as
// they are, so that the retry layer still sees resets and timeouts.
func explain(req *http.Request, of string, err error) error {
	switch {
	case err == nil:
		return nil
	case certificateFailure(err):
		return &CertificateError{Host: req.URL.Host, For: of, Err: err}
	case plainAnswer(err):
		return &PlainHTTPError{Host: req.URL.Host, For: of}
	}
	return err
}

func certificateFailure(err error) bool {
	var (
		verify   *tls.CertificateVerificationError
		unknown  x509.UnknownAuthorityError
		hostname x509.HostnameError
		invalid  x509.CertificateInvalidError
	)
	return errors.As(err, &verify) || errors.As(err, &unknown) || errors.As(err, &hostname) || errors.As(err, &invalid)
}
