# imagesync on Huawei Cloud FunctionGraph (Terraform, provider
# huaweicloud/huaweicloud). See README.md for what each function serves.
#
#   make build-huawei CONFIG=imagesync.yaml
#   cd infra/deploy/huawei && terraform init && terraform apply -var region=cn-north-4 -var bucket=my-code-bucket
#
# Every path below is relative to this folder (path.module), so it runs from
# here (or terraform -chdir=infra/deploy/huawei from the repository root).
#
# Made by hand first (Terraform does not create them here): the OBS bucket
# the zips are uploaded to (var.bucket), the IAM agency the functions run
# with (var.agency: delegated to FunctionGraph, with SWR's and, for
# hss sections, HSS's permissions), and, for the HTTP function, an APIG API
# bound to it (FunctionGraph's rule: HTTP functions take APIG triggers only).
#
# Both zips hold, at their root, the configuration imagesync.yaml that make
# checked and bundled: FunctionGraph unpacks the code to RUNTIME_CODE_ROOT,
# where the functions find it. Nothing here names the configuration.
#
# Keys: the swr and hss engines and the SWR logins sign with the agency's
# temporary keys of each invocation: the event function gets them from its
# runtime API; the HTTP function from the request headers FunctionGraph adds
# when its "Include Keys" setting (Configuration > Advanced Settings) is on.
# Without an agency, put HUAWEICLOUD_SDK_AK / HUAWEICLOUD_SDK_SK in
# encrypted_user_data (never in user_data).
#
# The one timer, imagesync-tick, ticks the event function every
# tick_minutes minutes (FunctionGraph's cron: seconds first, "?" in
# day-of-month or day-of-week, CRON_TZ=), and IMAGESYNC_TICK_INTERVAL says
# the same. Each tick runs the jobs whose schedule (jobs[].schedule in the
# config) falls in the interval before its time, and those without one: a
# job's schedule changes in the config, never here.

terraform {
  required_providers {
    huaweicloud = { source = "huaweicloud/huaweicloud", version = ">= 1.60.0" }
  }
}

variable "region" { type = string }
variable "bucket" {
  type        = string
  description = "existing OBS bucket the code zips are uploaded to"
}
variable "agency" {
  type        = string
  default     = "imagesync-fg"
  description = "existing IAM agency the functions run with (SWR read/write, CTS for the push trigger)"
}
variable "apig_authenticates" {
  type        = bool
  default     = true
  description = "the APIG API bound to the HTTP function uses IAM or App authentication"
}
variable "tick_minutes" {
  type        = number
  default     = 1
  description = "the timer's period in minutes: 1, 2, 5, 10, 15, 30 or 60"
}

provider "huaweicloud" { region = var.region }

locals {
  dist = "${path.module}/../../../build/huawei"
  # IMAGESYNC_AUTH_MODE = "none" only when the APIG API in front of the
  # HTTP function authenticates callers (IAM or App authentication); with
  # APIG's "None" authentication, configure imagesync's auth.signing or
  # auth.tokens in the config instead.
  env = {
    IMAGESYNC_LOG_LEVEL     = "info"
    IMAGESYNC_AUTH_MODE     = var.apig_authenticates ? "none" : "required"
    IMAGESYNC_TICK_INTERVAL = "${var.tick_minutes}m"
  }
}

resource "huaweicloud_obs_bucket_object" "code" {
  for_each = toset(["http", "events"])
  bucket   = var.bucket
  key      = "imagesync/imagesync-huawei-${each.key}.zip"
  source   = "${local.dist}/imagesync-huawei-${each.key}.zip"
  etag     = filemd5("${local.dist}/imagesync-huawei-${each.key}.zip")
}

# HTTP function: the bootstrap starts the server on port 8000. It takes APIG
# triggers only (create the API in APIG and bind it to this function).
resource "huaweicloud_fgs_function" "http" {
  name                  = "imagesync"
  app                   = "default"
  agency                = var.agency
  functiongraph_version = "v2"
  runtime               = "http"
  handler               = "bootstrap"
  code_type             = "obs"
  code_url              = "https://${var.bucket}.obs.${var.region}.myhuaweicloud.com/${huaweicloud_obs_bucket_object.code["http"].key}"
  memory_size           = 1024
  timeout               = 900
  user_data             = jsonencode(local.env)
}

# Event function, custom runtime: the bootstrap runs the binary's loop over
# the runtime API. The timer and CTS (SWR basic-edition pushes) trigger it.
resource "huaweicloud_fgs_function" "events" {
  name                  = "imagesync-events"
  app                   = "default"
  agency                = var.agency
  functiongraph_version = "v2"
  runtime               = "Custom"
  handler               = "bootstrap"
  code_type             = "obs"
  code_url              = "https://${var.bucket}.obs.${var.region}.myhuaweicloud.com/${huaweicloud_obs_bucket_object.code["events"].key}"
  memory_size           = 1024
  timeout               = 900
  max_async_retries     = 2 # asynchronous invocations (timer, CTS) are retried twice; a retried tick runs the same jobs
  user_data             = jsonencode(local.env)
}

resource "huaweicloud_fgs_function_trigger" "tick" {
  function_urn = huaweicloud_fgs_function.events.urn
  type         = "TIMER"
  status       = "ACTIVE"
  event_data = jsonencode({
    name          = "imagesync-tick"
    schedule_type = "Cron"
    schedule      = "CRON_TZ=UTC 0 */${var.tick_minutes} * * * ?"
    user_event    = jsonencode({ jobs = [] }) # no job named: the jobs due since the last tick
  })
}

# SWR basic edition has no webhook: CTS records each image push, and a CTS
# trigger delivers the record. SWR Enterprise Edition instead sends
# Harbor-style webhooks to the HTTP function's POST /v1/events (via APIG).
resource "huaweicloud_fgs_function_trigger" "swr_push" {
  function_urn = huaweicloud_fgs_function.events.urn
  type         = "CTS"
  status       = "ACTIVE"
  event_data = jsonencode({
    name = "imagesync-swr-push"
    # the SWR traces events/swr_cts.go reads as pushes (service:resource type:trace name)
    operations = ["SWR:images:postMultipartImagePackage", "SWR:imagetag:createImageTag"]
  })
}
