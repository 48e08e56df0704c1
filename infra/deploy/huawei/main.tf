# imagesync on Huawei Cloud FunctionGraph (Terraform, provider
# huaweicloud/huaweicloud). See README.md for what each function serves.
#
#   make build-huawei && terraform init && terraform apply -var region=cn-north-4 -var bucket=my-code-bucket
#
# Cron: FunctionGraph's dialect is seconds first, 6 fields, "?" in
# day-of-month or day-of-week, optional CRON_TZ= (without it, the region's
# time zone): "CRON_TZ=UTC 0 0 3 * * ?" is 03:00 UTC daily — AWS
# cron(0 3 * * ? *), FC "CRON_TZ=UTC 0 0 3 * * *", Cloud Scheduler
# "0 3 * * *" in Etc/UTC.

terraform {
  required_providers {
    huaweicloud = { source = "huaweicloud/huaweicloud", version = ">= 1.60.0" }
  }
}

variable "region" { type = string }
variable "bucket" {
  type        = string
  description = "OBS bucket the code zips are uploaded to"
}
variable "agency" {
  type        = string
  default     = "imagesync-fg"
  description = "IAM agency the functions run with (SWR read/write, CTS for the push trigger)"
}
variable "apig_authenticates" {
  type        = bool
  default     = true
  description = "the APIG API bound to the HTTP function uses IAM or App authentication"
}
variable "schedule" {
  type    = string
  default = "CRON_TZ=UTC 0 0 3 * * ?"
}

provider "huaweicloud" { region = var.region }

locals {
  dist = "${path.module}/../../../build/huawei"
  # IMAGESYNC_AUTH_MODE = "none" only when the APIG API in front of the
  # HTTP function authenticates callers (IAM or App authentication); with
  # APIG's "None" authentication, configure imagesync's auth.signing or
  # auth.tokens instead (IMAGESYNC_CONFIG).
  env = { IMAGESYNC_LOG_LEVEL = "info", IMAGESYNC_AUTH_MODE = var.apig_authenticates ? "none" : "required" }
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
  # HUAWEICLOUD_SDK_AK / HUAWEICLOUD_SDK_SK for the SWR engine go in
  # encrypted_user_data, never in user_data.
}

# Event function, custom runtime: the bootstrap runs the binary's loop over
# the runtime API. Timers and CTS (SWR basic-edition pushes) trigger it.
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
  max_async_retries     = 2 # asynchronous invocations (timer, CTS) are retried twice
  user_data             = jsonencode(local.env)
}

resource "huaweicloud_fgs_function_trigger" "daily" {
  function_urn = huaweicloud_fgs_function.events.urn
  type         = "TIMER"
  status       = "ACTIVE"
  event_data = jsonencode({
    name          = "imagesync-daily"
    schedule_type = "Cron"
    schedule      = var.schedule
    user_event    = jsonencode({ jobs = [] }) # or {"jobs": ["name"]} for one job's own timer
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
    name       = "imagesync-swr-push"
    # the SWR traces events/swr_cts.go reads as pushes (service:resource type:trace name)
    operations = ["SWR:images:postMultipartImagePackage", "SWR:imagetag:createImageTag"]
  })
}
