package registry

import (
	"encoding/json"
	"fmt"
	"strings"

	v1 "github.com/google/go-containerregistry/pkg/v1"
	"github.com/imagesync/imagesync/core"
)

// parsePlatforms reads "os/arch[/variant]" strings.
func parsePlatforms(ss []string) ([]v1.Platform, error) {
	ps := make([]v1.Platform, 0, len(ss))
	for _, s := range ss {
		p, err := v1.ParsePlatform(s)
		if err != nil || p.OS == "" || p.Architecture == "" || strings.Count(s, "/") > 2 {
			return nil, core.Errorf(core.ErrInvalid, "registry: platform %q: want os/arch[/variant]", s)
		}
		ps = append(ps, *p)
	}
	return ps, nil
}

// CheckPlatforms checks "os/arch[/variant]" strings as WithPlatforms takes
// them, without building an engine.
func CheckPlatforms(ss []string) error {
	_, err := parsePlatforms(ss)
	return err
}

// platformMatch reports whether p is one of want; a wanted platform without
// a variant matches every variant.
func platformMatch(p *v1.Platform, want []v1.Platform) bool {
	for _, w := range want {
		if p != nil && p.OS == w.OS && p.Architecture == w.Architecture && (w.Variant == "" || w.Variant == p.Variant) {
			return true
		}
	}
	return false
}

// indexEntry is what filtering reads of a manifest descriptor.
type indexEntry struct {
	Digest      v1.Hash           `json:"digest"`
	Platform    *v1.Platform      `json:"platform"`
	Annotations map[string]string `json:"annotations"`
}

// attestationOf names the image an attestation manifest of a buildx index
// describes (its own platform is unknown/unknown).
const attestationOf = "vnd.docker.reference.digest"

// filterIndex keeps the manifests of an index whose platform is wanted, and
// the attestation manifests of those. Every other field of the index and of
// the kept descriptors is kept as is; keys come out sorted, so the result
// (and so its digest) is the same for the same source. changed is false when
// every manifest was kept: raw is then returned untouched.
func filterIndex(raw []byte, want []v1.Platform) (out []byte, changed bool, err error) {
	var doc map[string]json.RawMessage
	var entries []json.RawMessage
	if err := json.Unmarshal(raw, &doc); err != nil {
		return nil, false, fmt.Errorf("decoding index: %w", err)
	}
	if err := json.Unmarshal(doc["manifests"], &entries); err != nil {
		return nil, false, fmt.Errorf("decoding index manifests: %w", err)
	}
	parsed := make([]indexEntry, len(entries))
	kept := map[v1.Hash]bool{}
	for i, e := range entries {
		if err := json.Unmarshal(e, &parsed[i]); err != nil {
			return nil, false, fmt.Errorf("decoding index manifest %d: %w", i, err)
		}
		if platformMatch(parsed[i].Platform, want) {
			kept[parsed[i].Digest] = true
		}
	}
	var keep []json.RawMessage
	for i, e := range entries {
		if ref, err := v1.NewHash(parsed[i].Annotations[attestationOf]); kept[parsed[i].Digest] || (err == nil && kept[ref]) {
			keep = append(keep, e)
		}
	}
	switch {
	case len(kept) == 0:
		return nil, false, core.Errorf(core.ErrNotFound, "the index holds none of the platforms %s", platformsString(want))
	case len(keep) == len(entries):
		return raw, false, nil
	}
	if doc["manifests"], err = json.Marshal(keep); err != nil {
		return nil, false, err
	}
	out, err = json.Marshal(doc)
	return out, true, err
}

func platformsString(ps []v1.Platform) string {
	ss := make([]string, len(ps))
	for i, p := range ps {
		ss[i] = p.String()
	}
	return strings.Join(ss, ",")
}
