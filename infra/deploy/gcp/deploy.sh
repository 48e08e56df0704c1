#!/bin/sh
# Deploy imagesync to Google Cloud Functions (gen2).
#
#   PROJECT=my-project REGION=europe-west1 infra/deploy/gcp/deploy.sh
#
# Runtime go125: go.mod says go 1.25.0 (go-containerregistry v0.22 requires
# it), so no older Go runtime can build it. Cloud Functions builds from
# source: `make build-gcp` stages just what the root package imports into
# build/gcp/source (see source.sh), and that tree is uploaded.
#
# Two functions from one source:
#   imagesync        HTTP (entry point imagesync): the whole HTTP API. No
#                    unauthenticated calls: callers need roles/run.invoker.
#                    Cloud Scheduler calls POST /v1/ticks with an OIDC token.
#   imagesync-events CloudEvent (entry point imagesyncEvents), Eventarc
#                    trigger on the Pub/Sub topic "gcr", where Artifact
#                    Registry publishes every push. --retry: a transient
#                    failure is redelivered; undecodable events are
#                    acknowledged by imagesync, so they are not.
#
# Cron: Cloud Scheduler takes 5 fields (minute first, no seconds, no year)
# plus a separate time zone: "0 3 * * *" in Etc/UTC is 03:00 UTC daily —
# AWS cron(0 3 * * ? *), FC "CRON_TZ=UTC 0 0 3 * * *", FunctionGraph
# "CRON_TZ=UTC 0 0 3 * * ?". A job's own schedule is one more scheduler
# job whose body names it: {"jobs": ["name"]}.
set -eu
: "${PROJECT:?set PROJECT}"
REGION=${REGION:-europe-west1}
SA=${SA:-imagesync@$PROJECT.iam.gserviceaccount.com}           # runs the functions
SCHEDULER_SA=${SCHEDULER_SA:-$SA}                                # signs the scheduler's OIDC tokens
SCHEDULE=${SCHEDULE:-0 3 * * *}
TIME_ZONE=${TIME_ZONE:-Etc/UTC}
here=$(dirname "$0")
cd "$here/../../.."

make build-gcp
common="--gen2 --runtime=go125 --project=$PROJECT --region=$REGION --source=build/gcp/source
  --service-account=$SA --env-vars-file=$here/env.yaml --memory=1Gi"

# shellcheck disable=SC2086
gcloud functions deploy imagesync $common --entry-point=imagesync \
  --trigger-http --no-allow-unauthenticated --timeout=3600s
# shellcheck disable=SC2086
gcloud functions deploy imagesync-events $common --entry-point=imagesyncEvents \
  --trigger-topic=gcr --retry --timeout=540s

url=$(gcloud functions describe imagesync --gen2 --project="$PROJECT" --region="$REGION" --format='value(serviceConfig.uri)')
gcloud functions add-invoker-policy-binding imagesync --project="$PROJECT" --region="$REGION" \
  --member="serviceAccount:$SCHEDULER_SA"
if ! gcloud scheduler jobs describe imagesync-daily --project="$PROJECT" --location="$REGION" >/dev/null 2>&1; then
  verb=create
else
  verb=update
fi
gcloud scheduler jobs "$verb" http imagesync-daily --project="$PROJECT" --location="$REGION" \
  --schedule="$SCHEDULE" --time-zone="$TIME_ZONE" \
  --uri="$url/v1/ticks" --http-method=POST \
  --headers=Content-Type=application/json --message-body='{"jobs":[]}' \
  --oidc-service-account-email="$SCHEDULER_SA" --oidc-token-audience="$url" \
  --attempt-deadline=30m
