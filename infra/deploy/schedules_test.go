package deploy

import (
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// when is a schedule reduced to what the dialects share: time zone, then
// minute, hour, day of month, month, day of week ("?" read as "*").
type when struct{ tz, fields string }

func find(t *testing.T, file, pattern string) string {
	t.Helper()
	b, err := os.ReadFile(file)
	require.NoError(t, err)
	m := regexp.MustCompile(pattern).FindStringSubmatch(string(b))
	require.NotNil(t, m, "%s: no match for %s", file, pattern)
	return m[1]
}

func norm(fields []string) string {
	return strings.ReplaceAll(strings.Join(fields, " "), "?", "*")
}

// secondsFirst reads FC's and FunctionGraph's dialect: [CRON_TZ=zone] then
// seconds, minutes, hours, day of month, month, day of week.
func secondsFirst(t *testing.T, expr string) when {
	tz := "UTC"
	if rest, ok := strings.CutPrefix(expr, "CRON_TZ="); ok {
		tz, expr, _ = strings.Cut(rest, " ")
	}
	f := strings.Fields(expr)
	require.Len(t, f, 6, expr)
	require.Equal(t, "0", f[0], "a daily tick starts at second 0: %s", expr)
	return when{tz, norm(f[1:])}
}

func TestDefaultSchedulesAgree(t *testing.T) {
	aws := find(t, "../../serverless.yml", `rate: cron\(([^)]*)\)`)
	f := strings.Fields(aws)
	require.Len(t, f, 6, "AWS cron has 6 fields, the last the year")
	assert.Equal(t, "*", f[5], "every year")
	assert.Contains(t, []string{f[2], f[4]}, "?", "AWS wants ? in day-of-month or day-of-week")
	want := when{"UTC", norm(f[:5])}

	fc := secondsFirst(t, find(t, "aliyun/s.yaml", `cronExpression: "([^"]*)"`))
	fg := secondsFirst(t, find(t, "huawei/main.tf", `(?s)variable "schedule".*?default = "([^"]*)"`))
	gcp := strings.Fields(find(t, "gcp/deploy.sh", `SCHEDULE=\$\{SCHEDULE:-([^}]*)\}`))
	require.Len(t, gcp, 5, "Cloud Scheduler takes 5 fields")
	tz := find(t, "gcp/deploy.sh", `TIME_ZONE=\$\{TIME_ZONE:-([^}]*)\}`)
	if tz == "Etc/UTC" {
		tz = "UTC"
	}
	for name, got := range map[string]when{"fc": fc, "functiongraph": fg, "cloud scheduler": {tz, norm(gcp)}} {
		assert.Equal(t, want, got, name)
	}
}
