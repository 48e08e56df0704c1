package registry

import (
	"context"

	"github.com/google/go-containerregistry/pkg/name"
	"github.com/imagesync/imagesync/core"
)

// references resolves a request's endpoints to go-containerregistry
// references. Cloud coordinates are first turned into plain images by the
// engine's Resolver. The target's tag defaults to the source's; a source
// named by digest alone is pushed to the target by digest.
func (e *Engine) references(ctx context.Context, req core.SyncRequest) (name.Reference, name.Reference, error) {
	sEnd, err := e.plain(ctx, "source", req.Source)
	if err != nil {
		return nil, nil, err
	}
	dEnd, err := e.plain(ctx, "target", req.Target)
	if err != nil {
		return nil, nil, err
	}
	s, ok := sEnd.Ref()
	if !ok {
		return nil, nil, unreachable("source", req.Source)
	}
	d, ok := dEnd.Ref()
	if !ok {
		return nil, nil, unreachable("target", req.Target)
	}
	var src, dst name.Reference
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

// plain returns the endpoint as a plain image, resolving cloud coordinates.
func (e *Engine) plain(ctx context.Context, side string, ep core.Endpoint) (core.Endpoint, error) {
	if ep.Kind() == core.EngineRegistry {
		return ep, nil
	}
	if e.resolver == nil || ep.Kind() == core.EngineHSS {
		return ep, unreachable(side, ep)
	}
	img, err := e.resolver.Resolve(ctx, ep)
	if err != nil {
		return ep, err
	}
	return core.Endpoint{Image: img}, nil
}

func unreachable(side string, e core.Endpoint) error {
	return &core.ValidationError{Fields: []core.FieldError{{Field: side,
		Reason: "the registry engine copies image references; give " + side + ".image for " + e.Kind() + " endpoints, or configure the registry host of " + e.Kind()}}}
}
