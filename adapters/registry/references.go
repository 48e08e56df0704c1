package registry

import (
	"github.com/google/go-containerregistry/pkg/name"
	"github.com/imagesync/imagesync/core"
)

// references resolves a request's endpoints to go-containerregistry
// references. The target's tag defaults to the source's; a source named by
// digest alone is pushed to the target by digest.
func references(req core.SyncRequest) (name.Reference, name.Reference, error) {
	s, ok := req.Source.Ref()
	if !ok {
		return nil, nil, unreachable("source", req.Source)
	}
	d, ok := req.Target.Ref()
	if !ok {
		return nil, nil, unreachable("target", req.Target)
	}
	var src, dst name.Reference
	var err error
	if s.Digest != "" {
		src, err = name.NewDigest(s.Name()+"@"+s.Digest, name.StrictValidation)
	} else {
		src, err = name.NewTag(s.Name()+":"+s.Tag, name.StrictValidation)
	}
	if err != nil {
		return nil, nil, core.Errorf(core.ErrInvalid, "source %s: %v", s, err)
	}
	switch {
	case d.Tag != "":
		dst, err = name.NewTag(d.Name()+":"+d.Tag, name.StrictValidation)
	case s.Tag != "":
		dst, err = name.NewTag(d.Name()+":"+s.Tag, name.StrictValidation)
	default:
		dst, err = name.NewDigest(d.Name()+"@"+s.Digest, name.StrictValidation)
	}
	if err != nil {
		return nil, nil, core.Errorf(core.ErrInvalid, "target %s: %v", d, err)
	}
	return src, dst, nil
}

func unreachable(side string, e core.Endpoint) error {
	return &core.ValidationError{Fields: []core.FieldError{{Field: side,
		Reason: "the registry engine copies image references; give " + side + ".image for " + e.Kind() + " endpoints"}}}
}
