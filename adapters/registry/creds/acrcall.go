package creds

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/aliyun/alibaba-cloud-sdk-go/sdk"
	"github.com/aliyun/alibaba-cloud-sdk-go/sdk/auth"
	"github.com/aliyun/alibaba-cloud-sdk-go/sdk/auth/credentials"
	sdkerrors "github.com/aliyun/alibaba-cloud-sdk-go/sdk/errors"
	"github.com/aliyun/alibaba-cloud-sdk-go/sdk/requests"
	"github.com/aliyun/alibaba-cloud-sdk-go/sdk/responses"
	"github.com/imagesync/imagesync/core"
)

// call runs one cr 2018-12-01 RPC with the SDK's own retries off.
func (a *ACR) call(ctx context.Context, region string, req requests.AcsRequest, out responses.AcsResponse) error {
	cfg := sdk.NewConfig()
	cfg.AutoRetry, cfg.MaxRetryTime = false, 0
	cfg.Transport = ctxRT{ctx: ctx, rt: a.RT}
	keys, err := a.keys(ctx)
	if err != nil {
		return err
	}
	var cred auth.Credential = credentials.NewAccessKeyCredential(keys.AccessKeyID, keys.AccessKeySecret)
	if keys.SecurityToken != "" {
		cred = credentials.NewStsTokenCredential(keys.AccessKeyID, keys.AccessKeySecret, keys.SecurityToken)
	}
	client, err := sdk.NewClientWithOptions(region, cfg, cred)
	if err != nil {
		return core.Errorf(core.ErrInvalid, "acr client: %s", redact(err.Error(), keys.AccessKeySecret))
	}
	scheme, host := "https", "cr."+region+".aliyuncs.com"
	if a.Endpoint != nil {
		scheme, host = a.Endpoint(region)
	}
	req.SetScheme(scheme)
	req.SetDomain(host)
	req.GetQueryParams()["RegionId"] = region
	if err := client.DoAction(req, out); err != nil {
		msg := redact(err.Error(), keys.AccessKeySecret)
		var se *sdkerrors.ServerError
		if errors.As(err, &se) {
			return fmt.Errorf("%w: %s", acrKind(se.HttpStatus(), se.ErrorCode()), msg)
		}
		return fmt.Errorf("%w: %s", core.ErrUnavailable, msg)
	}
	return nil
}

// acrKind maps a cr API failure onto a core kind: by its code first (a
// wrong key or signature comes as a 400), then by its status.
func acrKind(status int, code string) error {
	switch {
	case strings.HasPrefix(code, "InvalidAccessKeyId"), strings.HasPrefix(code, "SignatureDoesNotMatch"),
		strings.HasPrefix(code, "InvalidSecurityToken"), strings.HasPrefix(code, "IncompleteSignature"),
		status == 401:
		return core.ErrUnauthorized
	case strings.Contains(code, "NoPermission"), strings.Contains(code, "NoPrivilege"),
		strings.HasPrefix(code, "Forbidden"), status == 403:
		return core.ErrForbidden
	case strings.HasPrefix(code, "Throttling"), status == 429:
		return core.ErrThrottled
	case strings.Contains(code, "NOT_EXIST"), strings.Contains(code, "NotFound"), status == 404:
		return core.ErrNotFound
	case status >= 400 && status < 500:
		return core.ErrInvalid
	}
	return core.ErrUnavailable
}
