package core

// Engine names.
const (
	EngineRegistry = "registry" // direct OCI copy between any two registries
	EngineACR      = "acr"      // Alibaba ACR EE sync tasks and rules
	EngineSWR      = "swr"      // Huawei SWR image sync
	EngineHSS      = "hss"      // Huawei HSS image inventory sync
)

// Endpoint is one side of a sync. It is either a plain OCI reference
// (Image) or cloud coordinates named by Engine.
type Endpoint struct {
	// Image is a plain OCI reference: host[:port]/path[:tag][@digest].
	Image string `json:"image,omitempty"`

	// Engine selects cloud coordinates: "acr", "swr" or "hss".
	Engine     string `json:"engine,omitempty"`
	Region     string `json:"region,omitempty"`
	Instance   string `json:"instance,omitempty"` // ACR EE instance id, cri-...
	Account    string `json:"account,omitempty"`  // Alibaba account (uid) of a cross-account target
	Namespace  string `json:"namespace,omitempty"`
	Repository string `json:"repository,omitempty"`
	Tag        string `json:"tag,omitempty"`
	Digest     string `json:"digest,omitempty"`

	// HSS targets: which registries HSS refreshes its image list of.
	Project           string        `json:"project,omitempty"`
	EnterpriseProject string        `json:"enterpriseProject,omitempty"`
	Registries        []HSSRegistry `json:"registries,omitempty"`
	All               bool          `json:"all,omitempty"`
}

// HSSRegistry names one registry known to Huawei HSS.
type HSSRegistry struct {
	ID   string `json:"id"`
	Type string `json:"type"` // SwrPrivate, SwrShared, SwrEnterprise, Harbor, Jfrog, Other
}

// Kind is the kind of endpoint: EngineRegistry for a plain reference, else
// its Engine.
func (e Endpoint) Kind() string {
	if e.Image != "" || e.Engine == "" {
		return EngineRegistry
	}
	return e.Engine
}

// IsZero reports whether the endpoint names nothing at all.
func (e Endpoint) IsZero() bool {
	return e.Image == "" && e.Engine == "" && e.Region == "" && e.Instance == "" &&
		e.Account == "" && e.Namespace == "" && e.Repository == "" && e.Tag == "" &&
		e.Digest == "" && e.Project == "" && len(e.Registries) == 0 && !e.All
}

// Ref parses a plain endpoint's image reference. ok is false for cloud
// coordinates or an invalid reference (which validation has refused).
func (e Endpoint) Ref() (Reference, bool) {
	if e.Image == "" {
		return Reference{}, false
	}
	r, reason := ParseReference(e.Image)
	return r, reason == ""
}

// String names the endpoint for logs and messages; it never holds a secret.
func (e Endpoint) String() string {
	if e.Image != "" {
		return e.Image
	}
	s := e.Engine + "://"
	for _, part := range []string{e.Region, e.Instance, e.Project} {
		if part != "" {
			s += part + "/"
		}
	}
	s += e.Namespace
	if e.Repository != "" {
		s += "/" + e.Repository
	}
	if e.Tag != "" {
		s += ":" + e.Tag
	}
	if e.Digest != "" {
		s += "@" + e.Digest
	}
	return s
}
