//go:build !linux

package main

import "io"

// noEcho cannot turn echo off here: the prompt echoes (prefer
// --password-stdin on this platform).
func noEcho(io.Reader) (restore func()) { return func() {} }
