package registry

import (
	"crypto/sha256"
	"crypto/sha512"
	"encoding/hex"
	"fmt"
	"hash"
	"io"
	"sync/atomic"

	v1 "github.com/google/go-containerregistry/pkg/v1"
)

// verifier passes a blob through, counting and hashing it; it fails as
// soon as the announced size is passed, at an early EOF, or when the whole
// blob's sha256 or sha512 digest is not the one announced (other
// algorithms are left to the target to check). It keeps the read error it
// saw so that the copier can tell a broken source stream from a failed
// upload.
type verifier struct {
	rc      io.ReadCloser
	want    v1.Descriptor
	h       hash.Hash
	n       int64
	readErr error
	checked bool
	count   *atomic.Int64 // if set, bytes read are added to it (progress)
	done    func()        // if set, called once the whole blob was read and verified
}

func newVerifier(rc io.ReadCloser, d v1.Descriptor) (*verifier, error) {
	v := &verifier{rc: rc, want: d}
	switch d.Digest.Algorithm {
	case "sha256":
		v.h = sha256.New()
	case "sha512":
		v.h = sha512.New()
	}
	return v, nil
}

func (v *verifier) Read(p []byte) (int, error) {
	n, err := v.rc.Read(p)
	v.n += int64(n)
	if v.count != nil {
		v.count.Add(int64(n))
	}
	if v.h != nil {
		v.h.Write(p[:n])
	}
	switch {
	case v.n > v.want.Size:
		err = fmt.Errorf("blob %s: more than %d bytes", v.want.Digest, v.want.Size)
	case err == io.EOF && v.n < v.want.Size:
		err = fmt.Errorf("blob %s: %d of %d bytes: %w", v.want.Digest, v.n, v.want.Size, errTruncated)
	case v.n == v.want.Size && !v.checked:
		v.checked = true
		if v.h != nil && hex.EncodeToString(v.h.Sum(nil)) != v.want.Digest.Hex {
			err = fmt.Errorf("blob %s: content has another digest: %w", v.want.Digest, errTruncated)
		} else if v.done != nil {
			v.done()
		}
	}
	if err != nil && err != io.EOF {
		v.readErr = err
	}
	return n, err
}

func (v *verifier) Close() error { return v.rc.Close() }
