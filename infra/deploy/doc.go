// Package deploy holds the deploy definitions that serverless.yml (AWS, at
// the repository root) does not cover: aliyun/s.yaml (Serverless Devs, FC
// 3.0), huawei/main.tf (Terraform, FunctionGraph) and gcp/deploy.sh
// (gcloud, Cloud Functions gen2 and Cloud Scheduler). It has no code; its
// test checks that the four platforms' default schedules, each in its own
// cron dialect, name the same instant.
package deploy
