package huaweicloud

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/huaweicloud/huaweicloud-sdk-go-v3/core/request"
	"github.com/huaweicloud/huaweicloud-sdk-go-v3/core/response"
	"github.com/huaweicloud/huaweicloud-sdk-go-v3/core/sdkerr"

	"github.com/imagesync/imagesync/core"
)

// apiError is an error answer as errorHandler read it.
type apiError struct {
	Status     int
	Code       string
	Message    string
	RequestID  string
	RetryAfter time.Duration
}

func (e *apiError) Error() string { return fmt.Sprintf("HTTP %d %s: %s", e.Status, e.Code, e.Message) }

// errorHandler replaces the SDK's, which cannot read the JSON-array error
// bodies Huawei's APIs (SWR, the gateways) answer with at times. It reads at
// most 64 KiB of the body.
type errorHandler struct{}

func (errorHandler) HandleError(_ *request.DefaultHttpRequest, resp *response.DefaultHttpResponse) error {
	if resp.GetStatusCode() < 400 {
		return nil
	}
	r := resp.Response
	defer func() { _ = r.Body.Close() }()
	body, _ := io.ReadAll(io.LimitReader(r.Body, 64<<10))
	code, msg := ParseErrorBody(body)
	return &apiError{Status: r.StatusCode, Code: code, Message: msg,
		RequestID: r.Header.Get("X-Request-Id"), RetryAfter: retryAfter(r.Header.Get("Retry-After"))}
}

func retryAfter(v string) time.Duration {
	if s, err := strconv.Atoi(strings.TrimSpace(v)); err == nil && s > 0 {
		return time.Duration(s) * time.Second
	}
	return 0
}

func kindOf(status int) error {
	if status < 400 {
		return core.ErrInvalid // a 2xx the SDK could not read: the request was at fault
	}
	return core.KindOfStatus(status)
}

// wrap turns what the SDK returned into an error of one of core's kinds. No
// secret of creds (the call's) reaches the message.
func (c *Client) wrap(creds Credentials, op string, err error) error {
	var api *apiError
	var sre *sdkerr.ServiceResponseError
	switch {
	case errors.As(err, &api):
		msg := api.Message
		if api.Status == http.StatusNotFound {
			msg = joinMsg(c.svc.NotFound, msg)
		}
		return &core.ProviderError{Kind: kindOf(api.Status), Provider: c.svc.Name, Code: api.Code,
			Message: creds.Redact(op + ": " + msg), RequestID: api.RequestID, Status: api.Status, RetryAfter: api.RetryAfter}
	case errors.As(err, &sre):
		kind := core.ErrUnavailable
		if sre.StatusCode >= 400 {
			kind = kindOf(sre.StatusCode)
		}
		return &core.ProviderError{Kind: kind, Provider: c.svc.Name, Code: sre.ErrorCode,
			Message: creds.Redact(op + ": unreadable answer: " + sre.ErrorMessage), RequestID: sre.RequestId, Status: sre.StatusCode}
	case errors.Is(err, context.Canceled), errors.Is(err, context.DeadlineExceeded):
		return core.Errorf(core.ErrUnavailable, "%s: %s: gave up: %s", c.svc.Name, op, creds.Redact(err.Error()))
	}
	return core.Errorf(core.ErrUnavailable, "%s: %s: %s", c.svc.Name, op, creds.Redact(err.Error()))
}

func joinMsg(a, b string) string {
	if b == "" {
		return a
	}
	return a + ": " + b
}

// AcceptedDespiteBody forgives a 2xx answer whose body the SDK could not
// read: for a create call the status is what counts.
func AcceptedDespiteBody(err error) error {
	var sre *sdkerr.ServiceResponseError
	if errors.As(err, &sre) && sre.StatusCode >= 200 && sre.StatusCode < 300 {
		return nil
	}
	return err
}
