package core

import (
	"reflect"
	"testing"
)

// TestKeyCoversEveryField fails when a field is added to SyncRequest or
// Endpoint: key must then be taught it, or different syncs would share a
// key and one would be dropped as a duplicate of the other.
func TestKeyCoversEveryField(t *testing.T) {
	if n := reflect.TypeOf(SyncRequest{}).NumField(); n != 8 {
		t.Fatalf("SyncRequest has %d fields; update key()", n)
	}
	if n := reflect.TypeOf(Endpoint{}).NumField(); n != 13 {
		t.Fatalf("Endpoint has %d fields; update writeKey()", n)
	}
	a := SyncRequest{Source: Endpoint{Image: "a"}, Target: Endpoint{Image: "b"}}
	b := SyncRequest{Source: Endpoint{Image: "ab"}, Target: Endpoint{Image: ""}}
	if a.key() == b.key() {
		t.Fatal("field boundaries must be part of the key")
	}
	c := a
	c.Platforms = []string{"linux/amd64"}
	if a.key() == c.key() {
		t.Fatal("platforms must be part of the key")
	}
}
