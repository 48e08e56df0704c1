package hsstest

import (
	"bytes"
	"encoding/json"
	"net/http"
	"slices"
	"strconv"

	"github.com/imagesync/imagesync/core"
)

type taskBody struct {
	SyncAllRegistries *bool `json:"sync_all_registries"`
	RegistryInfo      *[]struct {
		RegistryID   *string `json:"registry_id"`
		RegistryType *string `json:"registry_type"`
	} `json:"registry_info"`
}

// createTask checks the body as HSS does: strict JSON, sync_all_registries
// present, registry_info given when not syncing all, every entry with an id
// and a known type, and known registries.
func (s *Server) createTask(w http.ResponseWriter, r *http.Request, project string, body []byte) int {
	var b taskBody
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&b); err != nil {
		return writeErr(w, http.StatusBadRequest, "HSS.0002", "invalid request body: "+err.Error())
	}
	if b.SyncAllRegistries == nil {
		return writeErr(w, http.StatusBadRequest, "HSS.0003", "sync_all_registries is required")
	}
	t := Task{Project: project, Region: r.Header.Get("region"),
		EnterpriseProject: r.URL.Query().Get("enterprise_project_id"), All: *b.SyncAllRegistries}
	if !t.All && (b.RegistryInfo == nil || len(*b.RegistryInfo) == 0) {
		return writeErr(w, http.StatusBadRequest, "HSS.0003", "registry_info is required when sync_all_registries is false")
	}
	if b.RegistryInfo != nil {
		for i, ri := range *b.RegistryInfo {
			at := "registry_info[" + strconv.Itoa(i) + "]"
			if ri.RegistryID == nil || *ri.RegistryID == "" || ri.RegistryType == nil {
				return writeErr(w, http.StatusBadRequest, "HSS.0003", at+": registry_id and registry_type are required")
			}
			reg := core.HSSRegistry{ID: *ri.RegistryID, Type: *ri.RegistryType}
			if !slices.Contains(core.HSSRegistryTypes, reg.Type) {
				return writeErr(w, http.StatusBadRequest, "HSS.0004", at+": unknown registry_type "+reg.Type)
			}
			if s.cfg.Registries != nil && !slices.Contains(s.cfg.Registries, reg) {
				return writeErr(w, http.StatusNotFound, "HSS.0404", at+": registry "+reg.ID+" not found")
			}
			t.Registries = append(t.Registries, reg)
		}
	}
	s.tasks = append(s.tasks, t)
	return writeRaw(w, http.StatusOK, "")
}
