package app_test

import (
	"testing"

	"github.com/imagesync/imagesync/adapters/registry/registrytest"
)

// newHeld is a registry holding team/app:v1, whose manifest reads wait
// until Release.
func newHeld(t *testing.T) *registrytest.Held {
	h := registrytest.NewHeld(t, "team/app")
	registrytest.PushIndex(t, h.Host+"/team/app:v1", 512, 1, 1)
	h.Arm()
	return h
}
