// Package registrytest starts real registries on loopback for tests: the
// CNCF distribution registry shipped by Debian as docker-registry, and
// go-containerregistry's in-memory registry; pushes random multi-arch
// images into them; and puts proxies in front of them that inject faults
// (FaultProxy: 503, 429 with Retry-After, dropped connections, cut bodies)
// or demand credentials (AuthProxy: basic, or bearer with a token server).
package registrytest
