package acr

import (
	"regexp"
	"strings"
	"sync"

	"github.com/imagesync/imagesync/core"
)

// A task id names the engine, the source instance's region, the instance
// and ACR's SyncTaskId: "acr:cn-beijing:cri-abc123:rst-xyz". The region and
// instance are what GetRepoSyncTask needs besides the SyncTaskId.
// compiled on first use: bounded repetitions make a large program, which
// every process would otherwise pay for at start-up.
var syncTaskIDPattern = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9_.-]{0,127}$`) })

func taskID(region, instance, syncTaskID string) string {
	return core.EngineACR + ":" + region + ":" + instance + ":" + syncTaskID
}

// parseTaskID splits a task id made by taskID.
func parseTaskID(id string) (region, instance, syncTaskID string, err error) {
	const rule = "acr task ids look like acr:<region>:<instance>:<syncTaskId>"
	parts := strings.Split(id, ":")
	if len(parts) != 4 || parts[0] != core.EngineACR || core.CheckAlibabaRegion(parts[1]) != "" ||
		core.CheckACRInstance(parts[2]) != "" || !syncTaskIDPattern().MatchString(parts[3]) {
		return "", "", "", &core.ValidationError{Fields: []core.FieldError{{Field: "id", Reason: rule}}}
	}
	return parts[1], parts[2], parts[3], nil
}
