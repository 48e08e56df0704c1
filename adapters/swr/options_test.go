package swr_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/imagesync/imagesync/adapters/swr"
	"github.com/imagesync/imagesync/core"
)

// An option given a value it cannot use fails New, naming the option
// (WithLogger(nil) was taken and panicked at the first call).
func TestOptionsRefuseNonsense(t *testing.T) {
	keys := swr.WithCredentials(swr.Credentials{AK: "ak", SK: "sk"})
	for _, c := range []struct {
		name string
		opt  swr.Option
	}{
		{"WithLogger", swr.WithLogger(nil)},
		{"WithTransport", swr.WithTransport(nil)},
		{"WithGetenv", swr.WithGetenv(nil)},
		{"WithBackoff", swr.WithBackoff(0, time.Second)},
		{"WithBackoff", swr.WithBackoff(time.Second, time.Millisecond)},
	} {
		t.Run(c.name, func(t *testing.T) {
			e, err := swr.New(swr.Config{ProjectID: "p"}, keys, c.opt)
			require.ErrorIs(t, err, core.ErrInvalid)
			assert.Contains(t, err.Error(), c.name)
			assert.Nil(t, e)
		})
	}
	_, err := swr.New(swr.Config{ProjectID: "p"}, keys, swr.WithBackoff(time.Millisecond, time.Millisecond))
	require.NoError(t, err)
}
