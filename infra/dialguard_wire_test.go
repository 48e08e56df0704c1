package infra_test

import (
	"net"
	"net/http"
	"testing"

	"github.com/imagesync/imagesync/core"
	"github.com/imagesync/imagesync/infra"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestDialGuardBlocksAtDialTime: the dialer the registry engine is built
// with refuses a metadata address before connecting, as forbidden (not a
// transient failure that would be retried).
func TestDialGuardBlocksAtDialTime(t *testing.T) {
	d := infra.DialGuard{}.Dialer(&net.Dialer{})
	tr := &http.Transport{DialContext: d.DialContext}
	_, err := (&http.Client{Transport: tr}).Get("http://169.254.169.254/latest/meta-data/")
	require.ErrorIs(t, err, core.ErrForbidden)
	assert.ErrorIs(t, err, infra.ErrBlockedAddress)
}
