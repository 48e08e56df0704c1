package app_test

import (
	"context"
	"encoding/binary"
	"net"
	"net/netip"
	"strings"
	"testing"
)

// fakeDNS answers A queries on loopback UDP: a name in a gets its address,
// a name in fail gets SERVFAIL, any other name NXDOMAIN (AAAA: no answer).
// useFakeDNS makes it the process's resolver for the test: the engine's
// dialer resolves through net.DefaultResolver, so names reach loopback
// registries without any network.
type fakeDNS struct {
	a    map[string]netip.Addr // "tls.test." -> 127.0.0.1
	fail map[string]bool
}

func useFakeDNS(t *testing.T, d fakeDNS) {
	t.Helper()
	pc, err := net.ListenPacket("udp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { pc.Close() })
	go d.serve(pc)
	prev := net.DefaultResolver
	net.DefaultResolver = &net.Resolver{PreferGo: true, Dial: func(ctx context.Context, _, _ string) (net.Conn, error) {
		return (&net.Dialer{}).DialContext(ctx, "udp", pc.LocalAddr().String())
	}}
	t.Cleanup(func() { net.DefaultResolver = prev })
}

func (d fakeDNS) serve(pc net.PacketConn) {
	buf := make([]byte, 1500)
	for {
		n, from, err := pc.ReadFrom(buf)
		if err != nil {
			return
		}
		if out := d.answer(buf[:n]); out != nil {
			_, _ = pc.WriteTo(out, from)
		}
	}
}

// answer builds the reply to one query: its header and question, then at
// most one A record.
func (d fakeDNS) answer(q []byte) []byte {
	if len(q) < 12 {
		return nil
	}
	name, end := qname(q, 12)
	if end+4 > len(q) {
		return nil
	}
	qtype := binary.BigEndian.Uint16(q[end:])
	out := append([]byte{}, q[:end+4]...)
	flags := uint16(0x8180) // response, recursion desired and available
	addr, known := d.a[name]
	switch {
	case d.fail[name]:
		flags |= 2 // SERVFAIL
	case !known:
		flags |= 3 // NXDOMAIN
	}
	binary.BigEndian.PutUint16(out[2:], flags)
	binary.BigEndian.PutUint16(out[6:], 0)  // answers
	binary.BigEndian.PutUint16(out[8:], 0)  // authorities
	binary.BigEndian.PutUint16(out[10:], 0) // additional (the query's EDNS record is dropped)
	if known && qtype == 1 && !d.fail[name] {
		binary.BigEndian.PutUint16(out[6:], 1)
		out = append(out, 0xc0, 12, 0, 1, 0, 1, 0, 0, 0, 60, 0, 4)
		out = append(out, addr.AsSlice()...)
	}
	return out
}

// qname reads the name at off, lower case and dot-terminated, and returns
// where the question's type starts.
func qname(q []byte, off int) (string, int) {
	var b strings.Builder
	for off < len(q) && q[off] != 0 {
		l := int(q[off])
		if off+1+l > len(q) {
			return "", len(q)
		}
		b.Write(q[off+1 : off+1+l])
		b.WriteByte('.')
		off += 1 + l
	}
	return strings.ToLower(b.String()), off + 1
}
