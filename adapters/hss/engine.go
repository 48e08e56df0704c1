package hss

import (
	"context"
	"fmt"
	"time"

	hsssdk "github.com/huaweicloud/huaweicloud-sdk-go-v3/services/hss/v5"

	"github.com/imagesync/imagesync/adapters/internal/huaweicloud"
	"github.com/imagesync/imagesync/core"
)

// Engine asks Huawei HSS to refresh its inventory of registries' images.
// Build it once per process with New; it is safe for concurrent use.
type Engine struct {
	cfg Config
	set huaweicloud.Settings
	hc  *huaweicloud.Client
}

var _ core.Engine = (*Engine)(nil)

// Credentials are a Huawei Cloud access key pair, with the security token of
// temporary credentials. They print as redacted: %v, %+v, %#v and String
// never show the secret key or the token.
type Credentials = huaweicloud.Credentials

// Option configures an Engine. The options are those of every Huawei Cloud
// engine of imagesync:
//   - WithCredentials sets the access keys (default: CredentialsFromEnv);
//   - WithLogger logs API calls at debug and retries at info (default: none);
//   - WithTransport sets the HTTP transport under the SDK;
//   - WithClock sets the clock; WithBackoff the first and largest retry
//     delay (default 200ms, 5s); WithGetenv how the environment is read.
type Option = huaweicloud.Option

var (
	// CredentialsFromEnv reads CLOUD_SDK_AK / CLOUD_SDK_SK (the seeds'
	// convention), else HUAWEICLOUD_SDK_AK / HUAWEICLOUD_SDK_SK, and
	// HUAWEICLOUD_SDK_SECURITY_TOKEN.
	CredentialsFromEnv = huaweicloud.CredentialsFromEnv

	WithCredentials = huaweicloud.WithCredentials
	WithLogger      = huaweicloud.WithLogger
	WithTransport   = huaweicloud.WithTransport
	WithClock       = huaweicloud.WithClock
	WithBackoff     = huaweicloud.WithBackoff
	WithGetenv      = huaweicloud.WithGetenv
)

// New builds an Engine. It checks the configuration and that credentials
// are present; it makes no network call.
func New(cfg Config, opts ...Option) (*Engine, error) {
	e := &Engine{set: huaweicloud.Apply(opts)}
	e.cfg = cfg.withDefaults(e.set.Getenv)
	if err := e.cfg.validate(); err != nil {
		return nil, fmt.Errorf("%w: %w", core.ErrInvalid, err)
	}
	svc := huaweicloud.Service{Name: core.EngineHSS, NotFound: "the project or registry was not found"}
	hc, err := huaweicloud.NewClient(svc, e.set, time.Duration(e.cfg.TimeoutSeconds)*time.Second, e.cfg.MaxAttempts)
	if err != nil {
		return nil, err
	}
	e.hc = hc
	return e, nil
}

// Name is "hss".
func (e *Engine) Name() string { return core.EngineHSS }

// call runs one SDK call against a region and project with a client bound
// to ctx (see huaweicloud.Call); the region's endpoint comes from Config.
func (e *Engine) call(ctx context.Context, region, project, op string, fn func(*hsssdk.HssClient) error) error {
	t := huaweicloud.Target{Region: region, Endpoint: e.cfg.endpoint(region), Project: project}
	return huaweicloud.Call(ctx, e.hc, t, op, hsssdk.NewHssClient, fn)
}

// retry is huaweicloud's full-jitter retry, the only retry layer.
func (e *Engine) retry(ctx context.Context, op string, fn func() error) error {
	return e.hc.Retry(ctx, op, fn)
}

// now is the engine's clock.
func (e *Engine) now() time.Time { return e.hc.Now() }
