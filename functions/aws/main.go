package main

import (
	"os"

	"github.com/aws/aws-lambda-go/lambda"
	"github.com/imagesync/imagesync/functions/app"
	"github.com/imagesync/imagesync/functions/platform"
)

func main() {
	a, err := app.New(os.Getenv, os.Stderr)
	if err != nil {
		// Lambda reports the exit as Runtime.ExitError; the log line says why.
		platform.StartupFailed(os.Stderr, err)
		os.Exit(1)
	}
	lambda.Start(New(a).Invoke)
}
