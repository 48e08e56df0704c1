package registry

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"strings"
	"time"

	"github.com/google/go-containerregistry/pkg/v1/remote/transport"
	"github.com/imagesync/imagesync/core"
)

// classify wraps a go-containerregistry error in the core kind it is, keeping
// the registry's status, error code and message. Every failure of a
// registry, a proxy, DNS, TLS or the network has a kind; an error that
// gets none is a bug of the engine (the API then answers 500 internal).
func classify(err error, what string) error {
	if err == nil {
		return nil
	}
	var cerr *CertificateError
	if errors.As(err, &cerr) { // before a status: the plain-HTTP fallback's 400 would hide it
		return fmt.Errorf("%s: %w", what, err)
	}
	if r := realmRefusal(err); r != nil {
		return fmt.Errorf("%s: %w", what, r)
	}
	var terr *transport.Error
	if errors.As(err, &terr) {
		return &core.ProviderError{
			Kind: kindOfStatus(terr.StatusCode, terr), Provider: "registry",
			Code: registryCode(terr), Message: what + ": " + err.Error(), Status: terr.StatusCode,
			RetryAfter: retryAfterOf(err),
		}
	}
	if kind := kindOfFailure(err); kind != nil && !errors.Is(err, kind) {
		return fmt.Errorf("%s: %w: %w", what, kind, err)
	}
	return fmt.Errorf("%s: %w", what, err)
}

// kindOfFailure is the kind of a failure that is no registry answer: the
// kind it already has (the address guard's ErrForbidden, a plain HTTP
// answer's ErrUnavailable), unavailable for a context that ended, the
// network, DNS, a body cut short or bytes that do not match their
// digest, invalid for a document that does not decode; nil otherwise.
func kindOfFailure(err error) error {
	var (
		netErr net.Error
		syntax *json.SyntaxError
		typ    *json.UnmarshalTypeError
	)
	for _, k := range []error{core.ErrForbidden, core.ErrUnavailable, core.ErrInvalid, core.ErrNotFound,
		core.ErrUnauthorized, core.ErrConflict, core.ErrThrottled} {
		if errors.Is(err, k) {
			return k
		}
	}
	switch {
	case errors.Is(err, context.DeadlineExceeded), errors.Is(err, context.Canceled),
		errors.As(err, &netErr), errors.Is(err, net.ErrClosed), errors.Is(err, errTruncated),
		errors.Is(err, io.ErrUnexpectedEOF), errors.Is(err, io.EOF):
		return core.ErrUnavailable
	case errors.As(err, &syntax), errors.As(err, &typ):
		return core.ErrInvalid
	}
	return nil
}

func kindOfStatus(status int, terr *transport.Error) error {
	for _, d := range terr.Errors {
		switch d.Code {
		case transport.NameUnknownErrorCode, transport.ManifestUnknownErrorCode, transport.BlobUnknownErrorCode:
			return core.ErrNotFound
		case transport.NameInvalidErrorCode, transport.TagInvalidErrorCode, transport.ManifestInvalidErrorCode:
			return core.ErrInvalid
		case transport.DeniedErrorCode:
			return core.ErrForbidden
		case transport.TooManyRequestsErrorCode:
			return core.ErrThrottled
		}
	}
	return core.KindOfStatus(status)
}

// hasCode reports whether a registry's error answer carries code.
func hasCode(err error, code transport.ErrorCode) bool {
	var terr *transport.Error
	if !errors.As(err, &terr) {
		return false
	}
	for _, d := range terr.Errors {
		if d.Code == code {
			return true
		}
	}
	return false
}

func registryCode(terr *transport.Error) string {
	codes := make([]string, 0, len(terr.Errors))
	for _, d := range terr.Errors {
		codes = append(codes, string(d.Code))
	}
	return strings.Join(codes, ",")
}

// statusErr is a registry's error answer with the Retry-After it sent.
type statusErr struct {
	terr  *transport.Error
	after time.Duration
}

func (e *statusErr) Error() string { return e.terr.Error() }
func (e *statusErr) Unwrap() error { return e.terr }

// check turns an answer outside codes into a *statusErr (a
// *transport.Error underneath, with the registry's codes and message).
func check(res *http.Response, codes ...int) error {
	err := transport.CheckError(res, codes...)
	var terr *transport.Error
	if errors.As(err, &terr) {
		return &statusErr{terr: terr, after: retryAfterHeader(res.Header)}
	}
	return err
}

// statusOf returns the HTTP status and Retry-After an error carries.
func statusOf(err error) (int, time.Duration) {
	var terr *transport.Error
	if !errors.As(err, &terr) {
		return 0, 0
	}
	return terr.StatusCode, retryAfterOf(err)
}

func retryAfterOf(err error) time.Duration {
	var se *statusErr
	if errors.As(err, &se) {
		return se.after
	}
	return 0
}

// redactedError is an error whose message has the secrets of its URLs
// taken out (core.RedactURLs: an upload's _state above all, which a
// cancelled or failed upload's url.Error shows); the engine's errors leave
// it so. Kinds and types underneath are still found (Unwrap).
type redactedError struct{ err error }

func (e *redactedError) Error() string { return core.RedactURLs(e.err.Error()) }
func (e *redactedError) Unwrap() error { return e.err }

func redact(err error) error {
	if err == nil {
		return nil
	}
	return &redactedError{err: err}
}
