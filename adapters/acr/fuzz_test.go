package acr

import (
	"strings"
	"testing"

	"github.com/imagesync/imagesync/adapters/internal/alibaba"
)

// FuzzParseTaskID: ids come from callers (GET /v1/syncs/{id}); whatever
// parses must print back the same.
func FuzzParseTaskID(f *testing.F) {
	for _, s := range []string{"acr:cn-beijing:cri-abc123:rst-xyz", "acr:::", "acr:cn-beijing:cri-x:a:b", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, id string) {
		region, instance, task, err := parseTaskID(id)
		if err == nil && taskID(region, instance, task) != id {
			t.Fatalf("%q parsed to %q %q %q", id, region, instance, task)
		}
	})
}

// FuzzDecode: answers come from the network; decoding never panics and a
// failure always has a kind.
func FuzzDecode(f *testing.F) {
	f.Add(`{"IsSuccess":true,"TotalCount":"1","SyncTasks":[{"SyncTaskId":"rst-1","TaskStatus":"ERROR"}]}`)
	f.Add(`{"IsSuccess":false,"Code":"NoPrivilege","RequestId":"r"}`)
	f.Add(`<html>bad gateway</html>`)
	f.Fuzz(func(t *testing.T, body string) {
		var out taskList
		err := decode(fakeResponse(200, body), nil, alibaba.Keys{}, &out)
		if err != nil && !strings.HasPrefix(err.Error(), "acr: ") {
			t.Fatalf("unexpected error shape: %v", err)
		}
		for _, st := range out.SyncTasks {
			_ = toTask(st, "cn-beijing", "cri-abc")
		}
	})
}
