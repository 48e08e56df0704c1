package swr_test

import (
	"github.com/imagesync/imagesync/adapters/huawei"
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
	keys := huawei.WithCredentials(huawei.Credentials{AK: "ak", SK: "sk"})
	for _, c := range []struct {
		name string
		opt  huawei.Option
	}{
		{"WithLogger", huawei.WithLogger(nil)},
		{"WithTransport", huawei.WithTransport(nil)},
		{"WithGetenv", huawei.WithGetenv(nil)},
		{"WithBackoff", huawei.WithBackoff(0, time.Second)},
		{"WithBackoff", huawei.WithBackoff(time.Second, time.Millisecond)},
	} {
		t.Run(c.name, func(t *testing.T) {
			e, err := swr.New(swr.Config{ProjectID: "p"}, keys, c.opt)
			require.ErrorIs(t, err, core.ErrInvalid)
			assert.Contains(t, err.Error(), c.name)
			assert.Nil(t, e)
		})
	}
	_, err := swr.New(swr.Config{ProjectID: "p"}, keys, huawei.WithBackoff(time.Millisecond, time.Millisecond))
	require.NoError(t, err)
}
