package registry

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"strings"
	"time"

	"github.com/google/go-containerregistry/pkg/v1/remote/transport"
	"github.com/imagesync/imagesync/core"
)

// classify wraps a go-containerregistry error in the core kind it is, keeping
// the registry's status, error code and message.
func classify(err error, what string) error {
	if err == nil {
		return nil
	}
	if connectFailure(err) { // before a status: the HTTP fallback's 400 would hide it
		return fmt.Errorf("%s: %w", what, err)
	}
	var terr *transport.Error
	if errors.As(err, &terr) {
		return &core.ProviderError{
			Kind: kindOfStatus(terr.StatusCode, terr), Provider: "registry",
			Code: registryCode(terr), Message: what + ": " + err.Error(), Status: terr.StatusCode,
			RetryAfter: retryAfterOf(err),
		}
	}
	var netErr net.Error
	switch {
	case errors.Is(err, core.ErrForbidden): // e.g. a dial refused by the address guard
		return fmt.Errorf("%s: %w", what, err)
	case errors.Is(err, context.DeadlineExceeded), errors.Is(err, context.Canceled):
		return fmt.Errorf("%s: %w: %w", what, core.ErrUnavailable, err)
	case errors.As(err, &netErr), errors.Is(err, net.ErrClosed):
		return fmt.Errorf("%s: %w: %w", what, core.ErrUnavailable, err)
	}
	return fmt.Errorf("%s: %w", what, err)
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
