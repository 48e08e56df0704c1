package acrtest

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
)

// handler answers one action with the state locked. It returns the body
// fields beyond RequestId, Code and IsSuccess, or an error.
type handler func(s *Server, p params) (map[string]any, *apiError)

var handlers = map[string]struct {
	required []string
	fn       handler
}{
	"GetRepository":         {[]string{"InstanceId"}, (*Server).getRepository},
	"ListRepository":        {[]string{"InstanceId"}, (*Server).listRepository},
	"ListRepoTag":           {[]string{"InstanceId", "RepoId"}, (*Server).listRepoTag},
	"ListInstance":          {nil, (*Server).listInstance},
	"GetAuthorizationToken": {[]string{"InstanceId"}, (*Server).getAuthorizationToken},
	"ListInstanceEndpoint":  {[]string{"InstanceId", "ModuleName"}, (*Server).listInstanceEndpoint},
	"CreateNamespace":       {[]string{"InstanceId", "NamespaceName"}, (*Server).createNamespace},
	"CreateRepository":      {[]string{"InstanceId", "RepoNamespaceName", "RepoName", "RepoType"}, (*Server).createRepository},
	"CreateRepoSyncTask":    {createTaskRequired, (*Server).createTask},
	"ListRepoSyncTask":      {[]string{"InstanceId"}, (*Server).listTasks},
	"GetRepoSyncTask":       {[]string{"InstanceId", "SyncTaskId"}, (*Server).getTask},
	"CreateRepoSyncRule": {[]string{"InstanceId", "NamespaceName", "TargetRegionId", "TargetInstanceId",
		"TargetNamespaceName", "SyncScope", "SyncRuleName", "SyncTrigger"}, (*Server).createRule},
	"ListRepoSyncRule":         {[]string{"InstanceId"}, (*Server).listRules},
	"DeleteRepoSyncRule":       {[]string{"InstanceId", "SyncRuleId"}, (*Server).deleteRule},
	"CreateRepoSyncTaskByRule": {[]string{"InstanceId", "SyncRuleId", "RepoId", "Tag"}, (*Server).runRule},
}

var signatureParams = []string{"AccessKeyId", "Signature", "SignatureMethod", "SignatureVersion",
	"SignatureNonce", "SignatureType", "Timestamp", "SecurityToken", "Format", "Version"}

func (s *Server) serve(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	defer s.mu.Unlock()
	requestID := s.nextID("EMU-REQ-")
	p, err := readParams(r)
	if err == nil {
		err = s.authenticate(r.Method, p)
	}
	if err == nil {
		err = s.dispatch(p, w, requestID)
	}
	if err != nil {
		writeError(w, requestID, err)
	}
}

func (s *Server) dispatch(p params, w http.ResponseWriter, requestID string) *apiError {
	h, ok := handlers[p["Action"]]
	if !ok {
		return &apiError{status: 404, code: "InvalidAction.NotFound", msg: "Specified api is not found, please check your url and method."}
	}
	f := s.fault(p["Action"])
	s.record(p, f)
	if f != nil {
		if f.RetryAfter > 0 {
			w.Header().Set("Retry-After", strconv.Itoa(f.RetryAfter))
		}
		return f.apiError()
	}
	if p["RegionId"] == "" {
		return missing("RegionId")
	}
	for _, k := range h.required {
		if p[k] == "" {
			return missing(k)
		}
	}
	if region, ok := s.instances[p["InstanceId"]]; p["Action"] != "ListInstance" && (!ok || region != p["RegionId"]) {
		return business("INSTANCE_NOT_EXIST", "instance "+p["InstanceId"]+" does not exist in region "+p["RegionId"])
	}
	body, aerr := h.fn(s, p)
	if aerr != nil {
		return aerr
	}
	if body == nil {
		body = map[string]any{}
	}
	body["RequestId"], body["Code"], body["IsSuccess"] = requestID, "success", true
	writeJSON(w, http.StatusOK, requestID, body)
	return nil
}

// record keeps an authenticated call, signature parameters removed.
func (s *Server) record(p params, f *Fault) {
	call := Call{Action: p["Action"], Params: map[string]string{}}
	for k, v := range p {
		call.Params[k] = v
	}
	for _, k := range signatureParams {
		delete(call.Params, k)
	}
	if f != nil {
		call.Fault = f.Code
	}
	s.calls = append(s.calls, call)
}

// apiError is an answer other than success: an HTTP error in Alibaba's error
// shape, or (status 200) a business failure with IsSuccess false.
type apiError struct {
	status int
	code   string
	msg    string
}

func missing(name string) *apiError {
	return &apiError{status: 400, code: "MissingParameter",
		msg: fmt.Sprintf("The input parameter %q that is mandatory for processing this request is not supplied.", name)}
}

func business(code, msg string) *apiError { return &apiError{status: 200, code: code, msg: msg} }

func writeError(w http.ResponseWriter, requestID string, e *apiError) {
	body := map[string]any{"RequestId": requestID, "Code": e.code, "Message": e.msg}
	if e.status == http.StatusOK {
		body["IsSuccess"] = false
	} else {
		body["HostId"] = "cr.emulator.aliyuncs.com"
		body["Recommend"] = "https://api.aliyun.com/troubleshoot?q=" + e.code
	}
	writeJSON(w, e.status, requestID, body)
}

func writeJSON(w http.ResponseWriter, status int, requestID string, body map[string]any) {
	w.Header().Set("Content-Type", "application/json;charset=utf-8")
	w.Header().Set("x-acs-request-id", requestID)
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(body)
}
