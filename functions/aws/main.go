package main

import (
	"log/slog"
	"os"

	"github.com/aws/aws-lambda-go/lambda"
	"github.com/imagesync/imagesync/functions/app"
)

func main() {
	a, err := app.New(os.Getenv, os.Stderr)
	if err != nil {
		// Lambda reports the exit as Runtime.ExitError; the log line says why.
		slog.New(slog.NewJSONHandler(os.Stderr, nil)).Error("start-up failed", slog.String("error", err.Error()))
		os.Exit(1)
	}
	lambda.Start(New(a).Invoke)
}
