package registry

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"time"

	v1 "github.com/google/go-containerregistry/pkg/v1"
)

// copyBlob moves one blob unless the target has it: a HEAD, then a mount
// when both sides share a registry, else one upload session finished by a
// single streamed PUT. A broken stream or a failed upload is re-sent from
// a fresh GET under the engine's Retry policy; failures of single requests
// were already retried by the transport and are final here.
func (c *copier) copyBlob(ctx context.Context, d v1.Descriptor, s *slot) error {
	have, err := c.dst.blobExists(ctx, d.Digest)
	if err != nil || have {
		return wrapBlob(d, "checking target", err)
	}
	if d.Size < 0 {
		if d.Size, err = c.src.blobSize(ctx, d.Digest); err != nil {
			return wrapBlob(d, "sizing source", err)
		}
	}
	c.total.Add(d.Size)
	if c.dry {
		c.bytes.Add(d.Size)
		return nil
	}
	for n := 1; ; n++ {
		err := c.uploadOnce(ctx, d, s)
		var re *resendable
		if !errors.As(err, &re) {
			return err
		}
		if werr := c.retry.wait(ctx, n, re.after, re.err); werr != nil {
			return wrapBlob(d, "copying", werr)
		}
	}
}

// resendable marks a failure that re-sending the whole blob may cure.
type resendable struct {
	err   error
	after time.Duration
}

func (r *resendable) Error() string { return r.err.Error() }
func (r *resendable) Unwrap() error { return r.err }

// uploadOnce is one try: mount or open a session, GET the source, PUT it.
// Across registries the session is opened while the source GET is already
// on its way (one round trip less per blob).
func (c *copier) uploadOnce(ctx context.Context, d v1.Descriptor, s *slot) error {
	if err := s.take(ctx); err != nil {
		return err
	}
	type opened struct {
		body *blobReader
		err  error
	}
	var got chan opened
	if c.mount == "" {
		got = make(chan opened, 1)
		go func() { b, err := c.fetch.openBlob(ctx, c.src, d, &c.moved); got <- opened{b, err} }()
	}
	loc, mounted, err := c.dst.startUpload(ctx, d.Digest, c.mount)
	if err != nil || mounted {
		if got != nil {
			if o := <-got; o.body != nil {
				o.body.Close()
			}
		}
		return wrapBlob(d, "starting upload", err)
	}
	var body *blobReader
	if got != nil {
		o := <-got
		body, err = o.body, o.err
	} else {
		body, err = c.fetch.openBlob(ctx, c.src, d, &c.moved)
	}
	if err != nil {
		return wrapBlob(d, "reading source", err)
	}
	defer body.Close()
	body.done = s.free
	err = c.dst.putBlob(ctx, loc, d, body.handle())
	if err == nil {
		c.bytes.Add(d.Size)
		return nil
	}
	err = wrapBlob(d, "uploading", err)
	if readErr, resend := body.failure(); readErr != nil {
		// the source's bytes were not what was announced, or kept breaking
		if resend {
			return &resendable{err: fmt.Errorf("%w (source stream: %v)", err, readErr)}
		}
		return fmt.Errorf("%w (source stream: %w)", err, readErr)
	}
	// An upload that broke at the target goes on where the target says it
	// got to, when it says (resume.go); otherwise, as one that got no HTTP
	// answer (its body is spent, so not even the auth layer could replay
	// it), it is re-sent whole.
	status, after := statusOf(err)
	if (status == 0 || status >= 500) && ctx.Err() == nil && c.resumeUpload(ctx, d, s, loc, body) {
		c.bytes.Add(d.Size)
		return nil
	}
	if retryableStatus(status) || (status == 0 && ctx.Err() == nil) {
		return &resendable{err: err, after: after}
	}
	return err
}

func wrapBlob(d v1.Descriptor, what string, err error) error {
	if err == nil {
		return nil
	}
	return fmt.Errorf("blob %s: %s: %w", d.Digest, what, err)
}

// blobSize asks the registry for a blob's size (HEAD).
func (r *repoClient) blobSize(ctx context.Context, d v1.Hash) (int64, error) {
	res, err := r.do(ctx, http.MethodHead, r.url("blobs", d.String()), nil, nil)
	if err != nil {
		return 0, err
	}
	res.Body.Close()
	if res.StatusCode != http.StatusOK {
		return 0, fmt.Errorf("HEAD blob %s: status %d", d, res.StatusCode)
	}
	return strconv.ParseInt(res.Header.Get("Content-Length"), 10, 64)
}
