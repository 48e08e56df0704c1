package registry

import (
	"bytes"
	"fmt"
	"io"
	"net/http"
	"strings"
	"time"
)

// maxSmallBody bounds the bodies the retry transport reads whole (manifests,
// tokens, tag lists, errors); blob bodies stream and are never buffered.
const maxSmallBody = 8 << 20

// retryTransport is the engine's one retry layer for single requests, the
// first ping (/v2/) and the token fetches included. It retries 408, 429,
// 5xx, refused connections, resets, DNS failures and truncated small
// bodies with the engine's Retry policy, and a registry out of reach
// (outage, outageStatus) for the policy's Outage window. A request whose
// body cannot be replayed (a streamed blob upload) is sent once: the blob
// copier re-sends the blob.
type retryTransport struct {
	next  http.RoundTripper
	retry Retry
}

func (t *retryTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	replayable := req.Body == nil || req.Body == http.NoBody || req.GetBody != nil
	if !replayable {
		return t.next.RoundTrip(req)
	}
	var down time.Time // since when the registry is out of reach, if it is
	for n := 1; ; n++ {
		if n > 1 && req.GetBody != nil {
			body, err := req.GetBody()
			if err != nil {
				return nil, err
			}
			req = req.Clone(req.Context())
			req.Body = body
		}
		res, err := t.next.RoundTrip(req)
		if err == nil && res.StatusCode < 400 && !streams(req) {
			err = bufferBody(res)
		}
		var hint = retryAfter0(res, err)
		switch {
		case err != nil && !retryableErr(err):
			return nil, err
		case err == nil && !retryableStatus(res.StatusCode):
			return res, nil
		}
		last := err
		if err == nil {
			last = fmt.Errorf("%s %s: status %d", req.Method, req.URL.Redacted(), res.StatusCode)
		}
		down = outageSince(down, res, err)
		if werr := t.retry.waitOut(req.Context(), n, hint, last, down); werr != nil {
			if err == nil { // keep the registry's own error beside the reason
				werr.(*GiveUpError).Err = check(res)
				res.Body.Close()
			}
			return nil, werr
		}
		if res != nil {
			_, _ = io.Copy(io.Discard, io.LimitReader(res.Body, 64<<10))
			res.Body.Close()
		}
	}
}

// outageSince is since when the registry is out of reach after this
// try's failure: since down (or now) if it still is, never if not.
func outageSince(down time.Time, res *http.Response, err error) time.Time {
	switch {
	case (err != nil && !outage(err)) || (err == nil && !outageStatus(res.StatusCode)):
		return time.Time{}
	case down.IsZero():
		return time.Now()
	}
	return down
}

func retryAfter0(res *http.Response, err error) time.Duration {
	if err != nil || res == nil {
		return 0
	}
	return retryAfterHeader(res.Header)
}

// streams reports whether the response body should be left streaming: blob
// downloads (wherever a redirect takes them: the blob fetcher marks its
// requests) and HEADs.
func streams(req *http.Request) bool {
	return req.Method == http.MethodHead || strings.Contains(req.URL.Path, "/blobs/") ||
		req.Context().Value(streamingKey{}) != nil
}

// bufferBody reads a small body whole so that a cut-off answer is retried
// here rather than failing the caller's decode.
func bufferBody(res *http.Response) error {
	defer res.Body.Close()
	b, err := io.ReadAll(io.LimitReader(res.Body, maxSmallBody+1))
	if err != nil {
		return err
	}
	if len(b) > maxSmallBody {
		return fmt.Errorf("response body over %d bytes", maxSmallBody)
	}
	if res.ContentLength >= 0 && int64(len(b)) != res.ContentLength {
		return errTruncated
	}
	res.Body = io.NopCloser(bytes.NewReader(b))
	return nil
}
