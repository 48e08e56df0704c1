package core

// Route names the engine that should do a valid request: the one it asks
// for; hss for an hss target; the cloud's own engine when source and target
// are both in that cloud; else the registry engine, which copies between any
// two registries.
func Route(r SyncRequest) string {
	if r.Engine != "" {
		return r.Engine
	}
	src, dst := r.Source.Kind(), r.Target.Kind()
	switch {
	case dst == EngineHSS:
		return EngineHSS
	case src == dst && (src == EngineACR || src == EngineSWR) && !r.filtersPlatforms():
		return src
	}
	return EngineRegistry
}

// checkRoute refuses an engine asked for that cannot do the request.
func checkRoute(engine string, r SyncRequest) error {
	src, dst := r.Source.Kind(), r.Target.Kind()
	switch engine {
	case EngineACR, EngineSWR:
		if src != engine || dst != engine {
			return &ValidationError{Fields: []FieldError{{Field: "engine",
				Reason: "engine " + engine + " syncs only from " + engine + " to " + engine + " endpoints"}}}
		}
		if r.filtersPlatforms() {
			return &ValidationError{Fields: []FieldError{{Field: "engine",
				Reason: "engine " + engine + " copies whole images: platforms need engine registry"}}}
		}
	case EngineHSS:
		if dst != EngineHSS {
			return &ValidationError{Fields: []FieldError{{Field: "engine", Reason: "engine hss needs an hss target"}}}
		}
	case EngineRegistry:
		if dst == EngineHSS {
			return &ValidationError{Fields: []FieldError{{Field: "engine", Reason: "an hss target is served by engine hss only"}}}
		}
	}
	return nil
}
