package deploy

import (
	"os"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/imagesync/imagesync/infra"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func read(t *testing.T, file string) string {
	t.Helper()
	b, err := os.ReadFile(file)
	require.NoError(t, err)
	return string(b)
}

// find returns the first group of pattern in text, failing when none.
func find(t *testing.T, file, text, pattern string) string {
	t.Helper()
	m := regexp.MustCompile(pattern).FindStringSubmatch(text)
	require.NotNil(t, m, "%s: no match for %s", file, pattern)
	return m[1]
}

// timer is one deploy file's timer: its expression with the period
// variable written in, as a 5-field cron infra reads, and the value of
// IMAGESYNC_TICK_INTERVAL it sets beside it.
type timer struct {
	file, cron, interval string
}

// timers reads the timer of each deploy file, in its own dialect, with
// each file's default period.
func timers(t *testing.T) []timer {
	var out []timer
	// AWS: cron(min hour dom month dow year), "?" for one of dom or dow, UTC.
	aws := read(t, "../../serverless.yml")
	minutes := find(t, "serverless.yml", aws, `(?m)^\s+tickMinutes: (\d+)$`)
	f := strings.Fields(strings.ReplaceAll(find(t, "serverless.yml", aws, `rate: cron\(([^)]*)\)`), "${param:tickMinutes}", minutes))
	require.Len(t, f, 6, "AWS cron has 6 fields, the last the year")
	require.Equal(t, "*", f[5], "every year")
	out = append(out, timer{"serverless.yml", strings.ReplaceAll(strings.Join(f[:5], " "), "?", "*"),
		strings.ReplaceAll(find(t, "serverless.yml", aws, `IMAGESYNC_TICK_INTERVAL: (\S+)`), "${param:tickMinutes}", minutes)})
	// FC: [CRON_TZ=zone] seconds minutes hours dom month dow.
	fc := read(t, "aliyun/s.yaml")
	minutes = find(t, "s.yaml", fc, `(?m)^\s+tickMinutes: (\d+)$`)
	out = append(out, timer{"s.yaml", secondsFirst(t, strings.ReplaceAll(find(t, "s.yaml", fc, `cronExpression: "([^"]*)"`), "${vars.tickMinutes}", minutes)),
		strings.ReplaceAll(find(t, "s.yaml", fc, `IMAGESYNC_TICK_INTERVAL: (\S+)`), "${vars.tickMinutes}", minutes)})
	// FunctionGraph: as FC, "?" for one of dom or dow.
	fg := read(t, "huawei/main.tf")
	minutes = find(t, "main.tf", fg, `(?s)variable "tick_minutes".*?default\s*= (\d+)`)
	out = append(out, timer{"main.tf", secondsFirst(t, strings.ReplaceAll(find(t, "main.tf", fg, `schedule\s*= "([^"]*)"`), "${var.tick_minutes}", minutes)),
		strings.ReplaceAll(find(t, "main.tf", fg, `IMAGESYNC_TICK_INTERVAL = "([^"]*)"`), "${var.tick_minutes}", minutes)})
	// Cloud Scheduler: 5 fields and a time zone.
	gcp := read(t, "gcp/deploy.sh")
	minutes = find(t, "deploy.sh", gcp, `TICK_MINUTES=\$\{TICK_MINUTES:-(\d+)\}`)
	require.Equal(t, "Etc/UTC", find(t, "deploy.sh", gcp, `--time-zone="([^"]*)"`))
	out = append(out, timer{"deploy.sh", "CRON_TZ=UTC " + strings.ReplaceAll(find(t, "deploy.sh", gcp, `--schedule="([^"]*)"`), "$TICK_MINUTES", minutes),
		strings.ReplaceAll(find(t, "deploy.sh", gcp, `IMAGESYNC_TICK_INTERVAL: (\S+)"`), "${TICK_MINUTES}", minutes)})
	return out
}

// secondsFirst turns FC's and FunctionGraph's dialect into 5-field cron,
// requiring second 0.
func secondsFirst(t *testing.T, expr string) string {
	tz := "CRON_TZ=UTC"
	if rest, ok := strings.CutPrefix(expr, "CRON_TZ="); ok {
		zone, e, _ := strings.Cut(rest, " ")
		tz, expr = "CRON_TZ="+zone, e
	}
	f := strings.Fields(expr)
	require.Len(t, f, 6, expr)
	require.Equal(t, "0", f[0], "a tick starts at second 0: %s", expr)
	return tz + " " + strings.ReplaceAll(strings.Join(f[1:], " "), "?", "*")
}

// TestOneTimerInStepWithTheTickInterval: each deploy file's one timer
// ticks at the default tick interval, at whole minutes, and sets
// IMAGESYNC_TICK_INTERVAL to its own period, a value the functions accept.
func TestOneTimerInStepWithTheTickInterval(t *testing.T) {
	for _, tm := range timers(t) {
		t.Run(tm.file, func(t *testing.T) {
			runs, err := infra.NextRuns(tm.cron, time.Date(2026, 12, 8, 2, 59, 30, 0, time.UTC), 4)
			require.NoError(t, err, tm.cron)
			for i := 1; i < len(runs); i++ {
				assert.Equal(t, infra.DefaultTickInterval, runs[i].Sub(runs[i-1]), "the timer ticks every tick interval: %s", tm.cron)
				assert.Zero(t, runs[i].Second(), "on whole minutes")
			}
			cfg, err := infra.Load("", func(k string) string {
				return map[string]string{infra.EnvTickInterval: tm.interval}[k]
			})
			require.NoError(t, err, "IMAGESYNC_TICK_INTERVAL=%s", tm.interval)
			assert.Equal(t, infra.DefaultTickInterval, cfg.Tick(), "IMAGESYNC_TICK_INTERVAL says the timer's period")
		})
	}
}

// TestEachFileHasOneTimer: one timer per platform, named imagesync-tick,
// naming no job (a tick naming none runs the jobs due).
func TestEachFileHasOneTimer(t *testing.T) {
	for file, pattern := range map[string]string{
		"../../serverless.yml": `(?m)^\s+- schedule:\n\s+name: (\S+)`,
		"aliyun/s.yaml":        `(?m)^\s+- triggerName: (\S+)\n\s+triggerType: timer`,
		"huawei/main.tf":       `(?s)type\s+= "TIMER".*?name\s+= "([^"]+)"`,
		"gcp/deploy.sh":        `gcloud scheduler jobs "\$verb" http (\S+)`,
	} {
		text := read(t, file)
		assert.Equal(t, "imagesync-tick", find(t, file, text, pattern), file)
		assert.Len(t, regexp.MustCompile(pattern).FindAllString(text, -1), 1, "%s: one timer", file)
	}
	assert.Contains(t, read(t, "aliyun/s.yaml"), `payload: '{"jobs":[]}'`)
	assert.Contains(t, read(t, "huawei/main.tf"), `user_event    = jsonencode({ jobs = [] })`)
	assert.Contains(t, read(t, "gcp/deploy.sh"), `--uri="$url/v1/events" --http-method=POST`,
		"Cloud Scheduler's headers make /v1/events read its tick, with its schedule time")
}

// TestDeployFilesTakeTheBundledConfig: each deploy file deploys the
// artifact the Makefile makes (where make build CONFIG=... bundles
// imagesync.yaml at the root) with the handler in it, and sets no
// IMAGESYNC_CONFIG that would take the bundled file's place.
func TestDeployFilesTakeTheBundledConfig(t *testing.T) {
	makefile := read(t, "../../Makefile")
	assert.Contains(t, makefile, "$(1)/"+infra.ConfigFile, "the Makefile bundles the file the functions look for")
	for file, artifacts := range map[string][]string{
		"../../serverless.yml": {"artifact: build/aws/imagesync-aws.zip", "handler: bootstrap"},
		"aliyun/s.yaml":        {"code: ../../../build/aliyun/imagesync-aliyun.zip", "handler: main"},
		"huawei/main.tf":       {`${path.module}/../../../build/huawei`, "imagesync-huawei-${each.key}.zip", `handler               = "bootstrap"`},
		"gcp/deploy.sh":        {"--source=build/gcp/source", "--entry-point=imagesync ", "--entry-point=imagesyncEvents "},
	} {
		text := read(t, file)
		for _, a := range artifacts {
			assert.Contains(t, text, a, file)
		}
		assert.Contains(t, text, "CONFIG=imagesync.yaml", "%s says how the config gets in", file)
		for _, line := range strings.Split(text, "\n") {
			if code, _, _ := strings.Cut(line, "#"); strings.Contains(code, "IMAGESYNC_CONFIG") && !strings.Contains(code, "IMAGESYNC_CONFIG_") {
				t.Errorf("%s sets IMAGESYNC_CONFIG: %s", file, line)
			}
		}
	}
	for _, target := range []string{"build-aws", "build-aliyun", "build-huawei", "build-gcp"} {
		assert.Contains(t, makefile, target+":", target)
	}
	assert.Contains(t, makefile, "-o $(DIST)/aws/stage/bootstrap")
	assert.Contains(t, makefile, "-o $(DIST)/aliyun/stage/main")
	fn := read(t, "../../function.go")
	assert.Contains(t, fn, `functions.HTTP("imagesync"`)
	assert.Contains(t, fn, `functions.CloudEvent("imagesyncEvents"`)
}

// TestPushTriggersMatchTheDecoders: the push triggers select the events
// the decoders read (the samples in events/testdata).
func TestPushTriggersMatchTheDecoders(t *testing.T) {
	acr := read(t, "../../events/testdata/acr-eventbridge-push.json")
	typ := find(t, "acr-eventbridge-push.json", acr, `"type":\s*"([^"]+)"`)
	assert.Contains(t, read(t, "aliyun/s.yaml"), `"type":["`+typ+`"]`)
	ecr := read(t, "../../events/testdata/ecr-push.json")
	aws := read(t, "../../serverless.yml")
	assert.Contains(t, aws, "detail-type: ["+find(t, "ecr-push.json", ecr, `"detail-type":\s*"([^"]+)"`)+"]")
	assert.Contains(t, aws, "action-type: ["+find(t, "ecr-push.json", ecr, `"action-type":\s*"([^"]+)"`)+"]")
	cts := read(t, "../../events/testdata/swr-cts-push.json")
	assert.Contains(t, read(t, "huawei/main.tf"), ":"+find(t, "swr-cts-push.json", cts, `"trace_name":\s*"([^"]+)"`)+`"`)
}
