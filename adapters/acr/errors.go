package acr

import (
	"context"
	"errors"
	"net/url"
	"strconv"
	"strings"
	"time"

	sdkerrors "github.com/aliyun/alibaba-cloud-sdk-go/sdk/errors"
	"github.com/imagesync/imagesync/core"
)

// sdkError maps an error the SDK returned: a server answer with an HTTP
// error status, or a failure to reach the server at all.
func sdkError(err error, creds Credentials) error {
	var se *sdkerrors.ServerError
	if errors.As(err, &se) {
		return providerError(se.HttpStatus(), se.ErrorCode(), se.Message(), se.RequestId(), se.RespHeaders, creds)
	}
	if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return contextError(err)
	}
	msg := err.Error()
	var ue *url.Error
	if errors.As(err, &ue) { // its URL holds the signed query: name the host only
		host := ""
		if u, perr := url.Parse(ue.URL); perr == nil {
			host = u.Host
		}
		msg = ue.Op + " " + host + ": " + ue.Err.Error()
	}
	return &core.ProviderError{Kind: core.ErrUnavailable, Provider: core.EngineACR, Code: "NetworkError",
		Message: redact(msg, creds)}
}

func contextError(err error) error {
	return &core.ProviderError{Kind: core.ErrUnavailable, Provider: core.EngineACR, Code: "ContextDone",
		Message: "gave up: " + err.Error()}
}

// providerError builds the error for an answer that reports a failure.
func providerError(status int, code, msg, requestID string, headers map[string][]string, creds Credentials) error {
	if msg == "" && code == "" {
		msg = "HTTP " + strconv.Itoa(status)
	}
	return &core.ProviderError{Kind: kindFor(code, status), Provider: core.EngineACR, Code: code,
		Message: redact(truncate(msg), creds), RequestID: requestID, Status: status, RetryAfter: retryAfter(headers)}
}

// kindFor maps an Alibaba error code (and the HTTP status) onto a core kind.
// The code decides when it is known; the status otherwise.
func kindFor(code string, status int) error {
	c := strings.ToLower(code)
	has := func(subs ...string) bool {
		for _, s := range subs {
			if strings.Contains(c, s) {
				return true
			}
		}
		return false
	}
	switch {
	case has("invalidaccesskeyid", "signaturedoesnotmatch", "incompletesignature", "invalidsecuritytoken",
		"missingsecuritytoken", "invalidtimestamp", "signaturenonceused", "nocredentials") || status == 401:
		return core.ErrUnauthorized
	case has("noprivilege", "nopermission", "forbidden", "accessdenied", "unauthorizedoperation") || status == 403:
		return core.ErrForbidden
	case has("throttl", "flowlimit", "too_many", "toomany") || status == 429:
		return core.ErrThrottled
	case has("notexist", "not_exist", "notfound", "not_found") || (code == "" && status == 404):
		return core.ErrNotFound
	case has("alreadyexist", "already_exist", "conflict"):
		return core.ErrConflict
	case has("systemerror", "internalerror", "serviceunavailable", "system_error", "timeout") || status >= 500:
		return core.ErrUnavailable
	}
	return core.ErrInvalid // Invalid*, Missing*, and business refusals we do not know
}

// retryAfter reads a Retry-After header given in seconds.
func retryAfter(h map[string][]string) time.Duration {
	for k, v := range h {
		if strings.EqualFold(k, "Retry-After") && len(v) > 0 {
			if n, err := strconv.Atoi(strings.TrimSpace(v[0])); err == nil && n > 0 {
				return time.Duration(n) * time.Second
			}
		}
	}
	return 0
}

// redact removes the secret and the token from a message, in every
// encoding the signature process produces, and withholds the string to
// sign that SignatureDoesNotMatch answers echo (it holds the token).
func redact(msg string, c Credentials) string {
	if i := strings.Index(strings.ToLower(msg), "string to sign"); i >= 0 {
		msg = msg[:i] + "string to sign withheld"
	}
	for _, s := range []string{c.AccessKeySecret, c.SecurityToken} {
		if len(s) < 4 {
			continue
		}
		once := percentEncode(s)
		for _, form := range []string{percentEncode(once), once, url.QueryEscape(s), s} {
			msg = strings.ReplaceAll(msg, form, "[redacted]")
		}
	}
	return msg
}

func percentEncode(s string) string {
	e := url.QueryEscape(s)
	e = strings.ReplaceAll(e, "+", "%20")
	e = strings.ReplaceAll(e, "*", "%2A")
	return strings.ReplaceAll(e, "%7E", "~")
}

func truncate(s string) string {
	const limit = 512
	if len(s) > limit {
		return s[:limit] + "…"
	}
	return s
}
