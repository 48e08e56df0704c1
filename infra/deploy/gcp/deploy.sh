#!/bin/sh
# Deploy imagesync to Google Cloud Functions (gen2).
#
#   make build-gcp CONFIG=imagesync.yaml
#   PROJECT=my-project REGION=europe-west1 infra/deploy/gcp/deploy.sh
#
# (or CONFIG=imagesync.yaml PROJECT=... deploy.sh, which runs the make
# itself). It runs from any working directory: it finds the repository and
# its env.yaml from its own path.
#
# Runtime go125: go.mod says go 1.25.0 (go-containerregistry v0.22 requires
# it), so no older Go runtime can build it. Cloud Functions builds from
# source: make build-gcp stages just what the root package imports into
# build/gcp/source (see source.sh), with the configuration imagesync.yaml
# make checked and bundled at its root, and that tree is uploaded; the Go
# buildpack moves it to serverless_function_source_code, where the function
# finds the configuration. GET /healthz says which one is in use.
#
# Two functions from one source:
#   imagesync        HTTP (entry point imagesync): the whole HTTP API. No
#                    unauthenticated calls: callers need roles/run.invoker.
#   imagesync-events CloudEvent (entry point imagesyncEvents), Eventarc
#                    trigger on the Pub/Sub topic "gcr", where Artifact
#                    Registry publishes every push. --retry: a transient
#                    failure is redelivered; undecodable events are
#                    acknowledged by imagesync, so they are not.
#
# The one timer: the Cloud Scheduler job imagesync-tick POSTs to the HTTP
# function's /v1/events every TICK_MINUTES minutes (5-field cron in
# Etc/UTC), with an OIDC token; IMAGESYNC_TICK_INTERVAL says the same
# period. Each tick runs the jobs whose schedule (jobs[].schedule in the
# config) falls in the interval before the X-CloudScheduler-ScheduleTime
# Cloud Scheduler sends, and those without one: a job's schedule changes
# in the config, never here.
set -eu
: "${PROJECT:?set PROJECT}"
REGION=${REGION:-europe-west1}
SA=${SA:-imagesync@$PROJECT.iam.gserviceaccount.com}           # runs the functions
SCHEDULER_SA=${SCHEDULER_SA:-$SA}                                # signs the scheduler's OIDC tokens
TICK_MINUTES=${TICK_MINUTES:-1}                                  # 1, 2, 5, 10, 15, 30 or 60
here=$(cd "$(dirname "$0")" && pwd)
cd "$here/../../.."

if [ -n "${CONFIG:-}" ]; then
  make build-gcp CONFIG="$CONFIG"
fi
if [ ! -f build/gcp/source/function.go ]; then
  echo "deploy.sh: no staged source: run make build-gcp CONFIG=imagesync.yaml first" >&2
  exit 2
fi
if [ ! -f build/gcp/source/imagesync.yaml ]; then
  echo "deploy.sh: build/gcp/source holds no imagesync.yaml: the functions will run the default (no push rules, no jobs)" >&2
fi
env=$(mktemp)
trap 'rm -f "$env"' EXIT
cat "$here/env.yaml" > "$env"
echo "IMAGESYNC_TICK_INTERVAL: ${TICK_MINUTES}m" >> "$env"
common="--gen2 --runtime=go125 --project=$PROJECT --region=$REGION --source=build/gcp/source
  --service-account=$SA --env-vars-file=$env --memory=1Gi"

# shellcheck disable=SC2086
gcloud functions deploy imagesync $common --entry-point=imagesync \
  --trigger-http --no-allow-unauthenticated --timeout=3600s
# shellcheck disable=SC2086
gcloud functions deploy imagesync-events $common --entry-point=imagesyncEvents \
  --trigger-topic=gcr --retry --timeout=540s

url=$(gcloud functions describe imagesync --gen2 --project="$PROJECT" --region="$REGION" --format='value(serviceConfig.uri)')
gcloud functions add-invoker-policy-binding imagesync --project="$PROJECT" --region="$REGION" \
  --member="serviceAccount:$SCHEDULER_SA"
if ! gcloud scheduler jobs describe imagesync-tick --project="$PROJECT" --location="$REGION" >/dev/null 2>&1; then
  verb=create
else
  verb=update
fi
gcloud scheduler jobs "$verb" http imagesync-tick --project="$PROJECT" --location="$REGION" \
  --schedule="*/$TICK_MINUTES * * * *" --time-zone="Etc/UTC" \
  --uri="$url/v1/events" --http-method=POST \
  --headers=Content-Type=application/json --message-body='{}' \
  --oidc-service-account-email="$SCHEDULER_SA" --oidc-token-audience="$url" \
  --attempt-deadline=30m
