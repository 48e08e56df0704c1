package registry

import (
	"net"
	"time"
)

// WithPlatforms copies only these platforms ("linux/amd64", "linux/arm/v7";
// no variant matches every variant) of a source index, and the attestation
// manifests that describe them (default: all). The target then holds a new
// index of those manifests only, whose digest differs from the source's:
// the target is compared against that filtered digest, and the task says so.
// A source that is a single image is copied as is. A platform that does not
// parse is refused.
func WithPlatforms(ps ...string) Option {
	return func(e *Engine) error {
		platforms, err := parsePlatforms(ps)
		if err != nil {
			return err
		}
		e.platforms = platforms
		return nil
	}
}

// WithReferrers also copies what points at the copied digest, and what
// points at that, to a depth of 4: the OCI referrers API's answer, else
// the sha256-<hex> fallback tag, and cosign's sha256-<hex>.sig/.att/.sbom
// tags (default off). It costs a referrers query and three tag HEADs per
// subject (the image, each child manifest of an unfiltered index, each
// referrer copied), no-op syncs included; a source without the API is
// queried once, and its fallback tag is HEADed per subject instead. A
// platform-filtered index takes no referrers.
func WithReferrers(on bool) Option { return func(e *Engine) error { e.referrers = on; return nil } }

// WithProgress logs a progress line at info every d while a copy runs
// (default 10 s; 0 or less: never).
func WithProgress(d time.Duration) Option { return func(e *Engine) error { e.every = d; return nil } }

// WithDialer sets the dialer of the default transport, e.g. one whose
// Control refuses link-local and metadata addresses after name resolution
// (infra.DialGuard). Ignored when WithTransport is given; nil is refused.
func WithDialer(d *net.Dialer) Option {
	return func(e *Engine) error {
		if d == nil {
			return invalidOption("WithDialer", "nil dialer")
		}
		e.dialer = d
		return nil
	}
}

// WithHosts sets how registry hosts are reached: TLS verified with an
// extra CA, TLS without verification, or plain HTTP, and a client
// certificate (default: HTTPS verified against the system's roots, with
// go-containerregistry's plain HTTP fallback for loopback and private
// addresses), and the address a host is connected to when it is not the
// host's own (HostTLS.Address). Each host gets a clone of the default
// transport, so the dialer (WithDialer) still makes every connection, to
// the address when there is one. The files are read once, by New; a bad
// entry fails New as ErrInvalid.
func WithHosts(hs ...HostTLS) Option { return func(e *Engine) error { e.hosts = hs; return nil } }
