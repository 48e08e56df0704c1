package main

import (
	"log/slog"
	"os"

	"github.com/aliyun/fc-runtime-go-sdk/fc"
	"github.com/imagesync/imagesync/core"
	"github.com/imagesync/imagesync/functions/app"
)

func main() {
	fail := func(err error) {
		slog.New(slog.NewJSONHandler(os.Stderr, nil)).Error("start-up failed", slog.String("error", err.Error()))
		os.Exit(1)
	}
	acr, err := acrEngine(os.Getenv)
	if err != nil {
		fail(err)
	}
	a, err := app.New(os.Getenv, os.Stderr, core.WithEngine(acr))
	if err != nil {
		fail(err)
	}
	fc.Start(New(a).Invoke)
}
