package infra

import (
	"context"
	"fmt"
	"net"
	"net/netip"
	"syscall"

	"github.com/imagesync/imagesync/core"
)

// ErrBlockedAddress is the error of a dial that the DialGuard refused.
// It is core.ErrForbidden: the API answers 403 and nothing retries it.
var ErrBlockedAddress = fmt.Errorf("address refused: link-local, unspecified or cloud metadata: %w", core.ErrForbidden)

// DialGuard refuses outbound connections to link-local, unspecified and
// cloud metadata addresses (core.BlockedAddr) at dial time, after name resolution: a host
// name that resolves, or is rebound, to such an address is refused as well
// as a literal one. Allow lists prefixes that are allowed nonetheless
// (policy.allowHosts, as addresses).
type DialGuard struct {
	Allow []netip.Prefix
}

// Control is a net.Dialer Control function. It is called with the resolved
// ip:port of each connection attempt, before the connection is made.
func (g DialGuard) Control(network, address string, _ syscall.RawConn) error {
	ap, err := netip.ParseAddrPort(address)
	if err != nil {
		return fmt.Errorf("dial %s %s: %w (unparsable address)", network, address, ErrBlockedAddress)
	}
	ip := ap.Addr().WithZone("").Unmap()
	if !core.BlockedAddr(ip) {
		return nil
	}
	for _, p := range g.Allow {
		if p.Contains(ip) {
			return nil
		}
	}
	return fmt.Errorf("dial %s %s: %w", network, address, ErrBlockedAddress)
}

// Dialer returns a copy of base (a zero Dialer when nil) whose Control (or
// ControlContext, when base has one) runs the guard after base's own.
func (g DialGuard) Dialer(base *net.Dialer) *net.Dialer {
	d := &net.Dialer{}
	if base != nil {
		*d = *base
	}
	if prevCtx := d.ControlContext; prevCtx != nil {
		d.ControlContext = func(ctx context.Context, network, address string, c syscall.RawConn) error {
			if err := prevCtx(ctx, network, address, c); err != nil {
				return err
			}
			return g.Control(network, address, c)
		}
		return d
	}
	prev := d.Control
	d.Control = func(network, address string, c syscall.RawConn) error {
		if prev != nil {
			if err := prev(network, address, c); err != nil {
				return err
			}
		}
		return g.Control(network, address, c)
	}
	return d
}

// AllowPrefixes turns the literal addresses and prefixes of
// policy.allowHosts into DialGuard.Allow; host names and globs are skipped
// (they are checked by name in core, before any dial).
func AllowPrefixes(hosts []string) []netip.Prefix {
	var out []netip.Prefix
	for _, h := range hosts {
		if host, _, err := net.SplitHostPort(h); err == nil {
			h = host
		}
		if p, err := netip.ParsePrefix(h); err == nil {
			out = append(out, p)
		} else if a, err := netip.ParseAddr(h); err == nil {
			out = append(out, netip.PrefixFrom(a.Unmap(), a.Unmap().BitLen()))
		}
	}
	return out
}
