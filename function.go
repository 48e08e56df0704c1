// Package imagesync is the Google Cloud Functions entry shim: the buildpack
// builds the module root package, so this file only registers the two
// functions, which live in functions/gcp. Deploy with
// infra/deploy/gcp/deploy.sh (entry points imagesync and imagesyncEvents).
package imagesync

import (
	"github.com/GoogleCloudPlatform/functions-framework-go/functions"
	"github.com/imagesync/imagesync/functions/gcp"
)

func init() {
	f := gcp.New(gcp.FromEnv)
	functions.HTTP("imagesync", f.HTTP)
	functions.CloudEvent("imagesyncEvents", f.CloudEvent)
}
