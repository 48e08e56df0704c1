package main

import (
	"os"
)

func main() {
	ctx, stop := interruptible(os.Stderr) // interrupt.go
	code := run(ctx, os.Args[1:], os.Stdout, os.Stderr, os.Getenv)
	stop()
	os.Exit(interruptedExit(ctx, os.Stderr, code))
}
