package acr_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/imagesync/imagesync/adapters/acr"
	"github.com/imagesync/imagesync/core"
)

// An option given nil fails New, naming the option (WithLogger(nil) was
// quietly taken as "no logging").
func TestOptionsRefuseNonsense(t *testing.T) {
	cfg := acr.Config{Region: "cn-hangzhou", Instance: "cri-abcdefgh"}
	for _, c := range []struct {
		name string
		opt  acr.Option
	}{
		{"WithLogger", acr.WithLogger(nil)},
		{"WithTransport", acr.WithTransport(nil)},
		{"WithCredentials", acr.WithCredentials(nil)},
		{"WithClock", acr.WithClock(nil)},
	} {
		t.Run(c.name, func(t *testing.T) {
			e, err := acr.New(cfg, c.opt)
			require.ErrorIs(t, err, core.ErrInvalid)
			assert.Contains(t, err.Error(), c.name)
			assert.Nil(t, e)
		})
	}
	_, err := acr.New(cfg)
	require.NoError(t, err)
}
