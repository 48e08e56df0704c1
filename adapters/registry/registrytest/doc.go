// Package registrytest starts real registries on loopback for tests: the
// CNCF distribution registry shipped by Debian as docker-registry, and
// go-containerregistry's in-memory registry; and pushes random multi-arch
// images into them.
package registrytest
