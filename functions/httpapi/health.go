package httpapi

import "net/http"

// configSource is where the configuration came from, as GET /healthz says
// it: a file's path, "env" or "default", and the sha256 of its bytes.
type configSource struct {
	Source string `json:"source"`
	Digest string `json:"digest,omitempty"`
}

// WithConfigSource makes GET /healthz name where the configuration came
// from (a path, "env" or "default") and its digest, never its content.
func WithConfigSource(source, digest string) Option {
	return func(h *Handler) {
		if source != "" {
			h.config = &configSource{Source: source, Digest: digest}
		}
	}
}

// health answers liveness, the engines on, and the configuration's source.
func (h *Handler) health(w http.ResponseWriter, _ *http.Request) {
	out := map[string]any{"status": "ok", "engines": h.svc.Engines()}
	if h.config != nil {
		out["config"] = h.config
	}
	writeJSON(w, http.StatusOK, out)
}
