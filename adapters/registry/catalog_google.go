package registry

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strings"

	"github.com/google/go-containerregistry/pkg/name"
	"github.com/imagesync/imagesync/core"
)

// DefaultArtifactRegistryAPI is Google's Artifact Registry API, which
// lists the images of *-docker.pkg.dev hosts (their catalog is empty).
const DefaultArtifactRegistryAPI = "https://artifactregistry.googleapis.com"

const (
	arPageSize = 1000 // the API's largest page
	arPages    = 1000 // pages read at most, per list
)

// artifactRepositories lists Artifact Registry images under prefix
// (project, or project/repository[/...]): the project's DOCKER
// repositories (GET v1/projects/{p}/locations/{l}/repositories) unless the
// prefix names one, then each one's packages (.../packages), whose ids are
// the image paths, URL-encoded. The API is asked with the access token of
// the registry's own login (oauth2accesstoken, as creds.Google gives).
func (e *Engine) artifactRepositories(ctx context.Context, reg name.Registry, prefix string) (core.Listing, error) {
	host := reg.RegistryStr()
	location := strings.TrimSuffix(host, "-docker.pkg.dev")
	parts := strings.SplitN(prefix, "/", 3)
	if parts[0] == "" {
		return core.Listing{}, core.Errorf(core.ErrInvalid, "Artifact Registry is listed per project: name one (%s/PROJECT/**)", host)
	}
	auth, err := e.basicAuth(ctx, reg)
	if err != nil {
		return core.Listing{}, err
	}
	if auth.Username != "oauth2accesstoken" || auth.Password == "" {
		return core.Listing{}, core.Errorf(core.ErrUnauthorized, "listing %s needs an access token login (oauth2accesstoken: the metadata server, or docker's gcloud helper)", host)
	}
	api := strings.TrimRight(e.arAPI, "/")
	if api == "" {
		api = DefaultArtifactRegistryAPI
	}
	parent := "projects/" + url.PathEscape(parts[0]) + "/locations/" + url.PathEscape(location)
	repos := []string{}
	if len(parts) > 1 {
		repos = append(repos, parts[1])
	} else if err := e.arList(ctx, api+"/v1/"+parent+"/repositories", auth.Password, "repositories", func(item map[string]any) {
		if name, _ := item["name"].(string); item["format"] == "DOCKER" && name != "" {
			repos = append(repos, name[strings.LastIndexByte(name, '/')+1:])
		}
	}); err != nil {
		return core.Listing{}, err
	}
	var l core.Listing
	for _, r := range repos {
		err := e.arList(ctx, api+"/v1/"+parent+"/repositories/"+url.PathEscape(r)+"/packages", auth.Password, "packages", func(item map[string]any) {
			name, _ := item["name"].(string)
			if id, err := url.PathUnescape(name[strings.LastIndexByte(name, '/')+1:]); err == nil && id != "" {
				l.Repositories = append(l.Repositories, parts[0]+"/"+r+"/"+id)
			}
		})
		if err != nil {
			l.Problems = append(l.Problems, "Artifact Registry repository "+parts[0]+"/"+r+": "+err.Error())
		}
	}
	if len(repos) == 1 && len(l.Problems) == 1 {
		return core.Listing{}, core.Errorf(core.ErrUnavailable, "%s", l.Problems[0])
	}
	return l, nil
}

// arList reads every page of an Artifact Registry list at u (bearer
// token), handing each item of field to read.
func (e *Engine) arList(ctx context.Context, u, token, field string, read func(map[string]any)) error {
	c := &http.Client{Transport: bearer{token: token, next: e.clients.base}}
	what := "Artifact Registry's " + field
	pageToken := ""
	for page := 0; page < arPages; page++ {
		q := url.Values{"pageSize": {fmt.Sprint(arPageSize)}}
		if pageToken != "" {
			q.Set("pageToken", pageToken)
		}
		status, h, body, err := e.tagTimesGet(ctx, c, u+"?"+q.Encode(), nil, what)
		switch {
		case err != nil:
			return err
		case status != http.StatusOK:
			return tagTimesStatus(status, h, what)
		}
		var p map[string]json.RawMessage
		var items []map[string]any
		if err := json.Unmarshal(body, &p); err != nil {
			return core.Errorf(core.ErrUnavailable, "%s: page %d is no JSON object: %v", what, page+1, err)
		}
		if raw, ok := p[field]; ok {
			if err := json.Unmarshal(raw, &items); err != nil {
				return core.Errorf(core.ErrUnavailable, "%s: page %d: %v", what, page+1, err)
			}
		}
		for _, it := range items {
			read(it)
		}
		_ = json.Unmarshal(p["nextPageToken"], &pageToken)
		if len(p["nextPageToken"]) == 0 || pageToken == "" {
			return nil
		}
	}
	return core.Errorf(core.ErrUnavailable, "%s: over %d pages", what, arPages)
}

// bearer sends every request with an OAuth access token.
type bearer struct {
	token string
	next  http.RoundTripper
}

func (b bearer) RoundTrip(r *http.Request) (*http.Response, error) {
	r = r.Clone(r.Context())
	r.Header.Set("Authorization", "Bearer "+b.token)
	return b.next.RoundTrip(r)
}
