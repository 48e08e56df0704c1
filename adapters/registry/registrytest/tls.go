package registrytest

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"fmt"
	"math/big"
	"net"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// CA is a test certificate authority: its certificate is in the PEM file
// Path, and it issues server and client certificates.
type CA struct {
	Path string
	cert *x509.Certificate
	key  *ecdsa.PrivateKey
	dir  string
	n    int64
}

// NewCA makes a CA valid for a day, its files in a test folder.
func NewCA(t testing.TB) *CA {
	t.Helper()
	key := newKey(t)
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "imagesync test CA"},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(24 * time.Hour),
		IsCA: true, BasicConstraintsValid: true, KeyUsage: x509.KeyUsageCertSign | x509.KeyUsageDigitalSignature}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	cert, err := x509.ParseCertificate(der)
	if err != nil {
		t.Fatal(err)
	}
	ca := &CA{cert: cert, key: key, dir: t.TempDir(), n: 1}
	ca.Path = ca.write(t, "ca.pem", "CERTIFICATE", der)
	return ca
}

// Issue makes a certificate signed by the CA, for a server at hosts (IP
// addresses or DNS names) or, with no hosts, for a client; it returns the
// PEM files of the certificate and its key.
func (ca *CA) Issue(t testing.TB, hosts ...string) (certPath, keyPath string) {
	t.Helper()
	key := newKey(t)
	ca.n++
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(ca.n), Subject: pkix.Name{CommonName: fmt.Sprintf("imagesync test %d", ca.n)},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(24 * time.Hour),
		KeyUsage: x509.KeyUsageDigitalSignature, ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageClientAuth}}
	if len(hosts) > 0 {
		tmpl.ExtKeyUsage = []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth}
	}
	for _, h := range hosts {
		if ip := net.ParseIP(h); ip != nil {
			tmpl.IPAddresses = append(tmpl.IPAddresses, ip)
		} else {
			tmpl.DNSNames = append(tmpl.DNSNames, h)
		}
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, ca.cert, &key.PublicKey, ca.key)
	if err != nil {
		t.Fatal(err)
	}
	kder, err := x509.MarshalECPrivateKey(key)
	if err != nil {
		t.Fatal(err)
	}
	base := fmt.Sprintf("cert%d", ca.n)
	return ca.write(t, base+".pem", "CERTIFICATE", der), ca.write(t, base+"-key.pem", "EC PRIVATE KEY", kder)
}

func (ca *CA) write(t testing.TB, name, typ string, der []byte) string {
	t.Helper()
	path := filepath.Join(ca.dir, name)
	if err := os.WriteFile(path, pem.EncodeToMemory(&pem.Block{Type: typ, Bytes: der}), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

func newKey(t testing.TB) *ecdsa.PrivateKey {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	return key
}

// DistributionTLS starts a docker-registry serving HTTPS on a free port of
// ip (127.0.0.1, or 127.0.0.2 to be reached as an ordinary host) with a
// certificate from ca for that address, and returns its host:port. With
// clientCA (a PEM file) it asks for a client certificate signed by it and
// refuses connections without one.
func DistributionTLS(t testing.TB, ca *CA, ip, clientCA string) string {
	t.Helper()
	cert, key := ca.Issue(t, ip)
	extra := fmt.Sprintf("  tls:\n    certificate: %s\n    key: %s\n", cert, key)
	if clientCA != "" {
		extra += fmt.Sprintf("    clientcas:\n      - %s\n", clientCA)
	}
	host, _ := distributionAt(t, FreeAddrOn(t, ip), extra)
	return host
}

// DistributionOn starts a plain HTTP docker-registry on a free port of ip
// and returns its host:port.
func DistributionOn(t testing.TB, ip string) string {
	t.Helper()
	host, _ := distributionAt(t, FreeAddrOn(t, ip), "")
	return host
}
