package alibaba

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	sdkerrors "github.com/aliyun/alibaba-cloud-sdk-go/sdk/errors"

	"github.com/imagesync/imagesync/adapters/internal/callpath"
	"github.com/imagesync/imagesync/core"
)

// Kinds maps Alibaba's error codes (and the HTTP status) onto core kinds:
// the code decides when it is known, the status otherwise; an unknown 4xx
// (Invalid*, Missing*, business refusals) is ErrInvalid.
var Kinds = callpath.Table{Default: core.ErrInvalid, Rules: []callpath.Rule{
	{Kind: core.ErrUnauthorized, Status: callpath.Is(http.StatusUnauthorized), Codes: []string{"invalidaccesskeyid",
		"signaturedoesnotmatch", "incompletesignature", "invalidsecuritytoken", "missingsecuritytoken",
		"invalidtimestamp", "signaturenonceused", "nocredentials"}},
	{Kind: core.ErrForbidden, Status: callpath.Is(http.StatusForbidden), Codes: []string{"noprivilege", "nopermission",
		"forbidden", "accessdenied", "unauthorizedoperation"}},
	{Kind: core.ErrThrottled, Status: callpath.Is(http.StatusTooManyRequests), Codes: []string{"throttl", "flowlimit",
		"too_many", "toomany"}},
	{Kind: core.ErrNotFound, Codes: []string{"notexist", "not_exist", "notfound", "not_found"},
		Status: func(code string, status int) bool { return code == "" && status == http.StatusNotFound }},
	{Kind: core.ErrConflict, Codes: []string{"alreadyexist", "already_exist", "conflict"}},
	{Kind: core.ErrUnavailable, Codes: []string{"systemerror", "internalerror", "serviceunavailable", "system_error", "timeout"},
		Status: func(_ string, status int) bool { return status >= 500 }},
}}

// Failure is the *core.ProviderError of an answer that reports a failure.
func Failure(name string, status int, code, msg, requestID string, headers map[string][]string, k Keys) error {
	if msg == "" && code == "" {
		msg = "HTTP " + strconv.Itoa(status)
	}
	return &core.ProviderError{Kind: Kinds.Kind(code, status), Provider: name, Code: code,
		Message: k.Redact(callpath.Truncate(msg)), RequestID: requestID, Status: status,
		RetryAfter: retryAfter(headers)}
}

// retryAfter reads Retry-After in whatever case the SDK kept its name.
func retryAfter(h map[string][]string) time.Duration {
	for k, v := range h {
		if strings.EqualFold(k, "Retry-After") && len(v) > 0 {
			return callpath.RetryAfter(v[0])
		}
	}
	return 0
}

// Error maps an error the SDK returned: a server answer with an HTTP error
// status, a context that ended, or a failure to reach the server at all.
func Error(name string, err error, k Keys) error {
	var se *sdkerrors.ServerError
	if errors.As(err, &se) {
		return Failure(name, se.HttpStatus(), se.ErrorCode(), se.Message(), se.RequestId(), se.RespHeaders, k)
	}
	if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return ContextError(name, err)
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
	return &core.ProviderError{Kind: core.ErrUnavailable, Provider: name, Code: "NetworkError", Message: k.Redact(msg)}
}

// ContextError is the error of a call whose context ended.
func ContextError(name string, err error) error {
	return &core.ProviderError{Kind: core.ErrUnavailable, Provider: name, Code: "ContextDone", Message: "gave up: " + err.Error()}
}
