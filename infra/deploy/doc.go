// Package deploy holds the deploy definitions that serverless.yml (AWS, at
// the repository root) does not cover: aliyun/s.yaml (Serverless Devs, FC
// 3.0), huawei/main.tf (Terraform, FunctionGraph) and gcp/deploy.sh
// (gcloud, Cloud Functions gen2 and Cloud Scheduler). It has no code; its
// tests keep the four files in step with the code: one timer each, named
// imagesync-tick, ticking every tick interval on whole minutes with
// IMAGESYNC_TICK_INTERVAL saying the same; the artifact the Makefile makes,
// with the configuration bundled in it and no IMAGESYNC_CONFIG to override
// it; and push triggers selecting the events the decoders read.
package deploy
