package creds_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/imagesync/imagesync/adapters/registry"
	"github.com/imagesync/imagesync/adapters/registry/creds"
	"github.com/imagesync/imagesync/core"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// describeImagesEmulator answers ECR's DescribeImages (awsJson1_1) the way
// the API does, for requests SigV4-signed by AKTEST in eu-west-1: account
// 123456789012 holds team/app, whose five tagged images come two a page
// (the API pages by maxResults, 1..1000, and nextToken); an untagged
// image is filtered out by tagStatus TAGGED. Other repositories are
// RepositoryNotFoundException; a malformed request is refused as AWS would.
func describeImagesEmulator(t *testing.T) string {
	type image struct {
		Digest   string   `json:"imageDigest"`
		Tags     []string `json:"imageTags,omitempty"`
		PushedAt float64  `json:"imagePushedAt"`
	}
	images := []image{
		{"sha256:01", []string{"v1.0.0"}, 1700000000},
		{"sha256:02", []string{"v1.1.0", "stable"}, 1700000100.5},
		{"sha256:03", nil, 1700000200},
		{"sha256:04", []string{"v2.0.0"}, 1700000300},
		{"sha256:05", []string{"latest"}, 1700000400},
	}
	s := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		w.Header().Set("Content-Type", "application/x-amz-json-1.1")
		fail := func(code, msg string) {
			w.WriteHeader(http.StatusBadRequest)
			_ = json.NewEncoder(w).Encode(map[string]string{"__type": "com.amazonaws.ecr#" + code, "message": msg})
		}
		var in struct {
			RegistryID     string            `json:"registryId"`
			RepositoryName string            `json:"repositoryName"`
			Filter         map[string]string `json:"filter"`
			MaxResults     int               `json:"maxResults"`
			NextToken      string            `json:"nextToken"`
		}
		dec := json.NewDecoder(bytes.NewReader(body))
		dec.DisallowUnknownFields()
		if r.Header.Get("X-Amz-Target") == "AmazonEC2ContainerRegistry_V20150921.DescribeRepositories" &&
			sigV4Valid(r, body, map[string]string{"AKTEST": "SKSECRET"}, "ecr", "eu-west-1") {
			describeRepositories(w, body, fail)
			return
		}
		switch {
		case r.Header.Get("X-Amz-Target") != "AmazonEC2ContainerRegistry_V20150921.DescribeImages":
			fail("UnknownOperationException", "")
			return
		case !sigV4Valid(r, body, map[string]string{"AKTEST": "SKSECRET"}, "ecr", "eu-west-1"):
			fail("InvalidSignatureException", "The request signature we calculated does not match the signature you provided.")
			return
		case dec.Decode(&in) != nil || in.MaxResults < 1 || in.MaxResults > 1000 ||
			(in.Filter != nil && in.Filter["tagStatus"] != "TAGGED" && in.Filter["tagStatus"] != "UNTAGGED" && in.Filter["tagStatus"] != "ANY"):
			fail("InvalidParameterException", "Invalid parameter at 'maxResults' failed to satisfy constraint")
			return
		case in.RegistryID != "123456789012" || in.RepositoryName != "team/app":
			fail("RepositoryNotFoundException", fmt.Sprintf("The repository with name '%s' does not exist in the registry with id '%s'", in.RepositoryName, in.RegistryID))
			return
		}
		var tagged []image
		for _, im := range images {
			if len(im.Tags) > 0 || in.Filter["tagStatus"] != "TAGGED" {
				tagged = append(tagged, im)
			}
		}
		start := 0
		if in.NextToken != "" {
			_, _ = fmt.Sscanf(in.NextToken, "after-%d", &start)
		}
		end := min(start+min(in.MaxResults, 2), len(tagged))
		out := map[string]any{"imageDetails": tagged[start:end]}
		if end < len(tagged) {
			out["nextToken"] = fmt.Sprintf("after-%d", end)
		}
		_ = json.NewEncoder(w).Encode(out)
	}))
	t.Cleanup(s.Close)
	return s.URL
}

// describeRepositories answers DescribeRepositories for account
// 123456789012: three repositories, two a page.
func describeRepositories(w http.ResponseWriter, body []byte, fail func(code, msg string)) {
	var in struct {
		RegistryID string `json:"registryId"`
		MaxResults int    `json:"maxResults"`
		NextToken  string `json:"nextToken"`
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.DisallowUnknownFields()
	switch {
	case dec.Decode(&in) != nil || in.MaxResults < 1 || in.MaxResults > 1000:
		fail("InvalidParameterException", "Invalid parameter at 'maxResults' failed to satisfy constraint")
		return
	case in.RegistryID != "123456789012":
		fail("RegistryNotFoundException", "registry not found")
		return
	}
	names := []string{"other/app", "team/app", "team/sub/tool"}
	start := 0
	if in.NextToken != "" {
		_, _ = fmt.Sscanf(in.NextToken, "repos-after-%d", &start)
	}
	end := min(start+min(in.MaxResults, 2), len(names))
	var repos []map[string]any
	for _, n := range names[start:end] {
		repos = append(repos, map[string]any{"repositoryName": n, "registryId": in.RegistryID,
			"repositoryUri": "123456789012.dkr.ecr.eu-west-1.amazonaws.com/" + n, "createdAt": 1700000000.5})
	}
	out := map[string]any{"repositories": repos}
	if end < len(names) {
		out["nextToken"] = fmt.Sprintf("repos-after-%d", end)
	}
	_ = json.NewEncoder(w).Encode(out)
}

func ecrKeys(t *testing.T, url string) func(string) string {
	return awsEnv(t, map[string]string{"AWS_ACCESS_KEY_ID": "AKTEST", "AWS_SECRET_ACCESS_KEY": "SKSECRET", "AWS_ENDPOINT_URL_ECR": url})
}

// ECR has no catalog: a /** job lists it with DescribeRepositories.
func TestECRRepositories(t *testing.T) {
	url := describeImagesEmulator(t)
	e, err := registry.New(registry.WithRepositorySources(creds.NewECRTagTimes(creds.NewAWS(), ecrKeys(t, url), nil, nil)))
	require.NoError(t, err)
	l, err := e.ListRepositories(context.Background(), "123456789012.dkr.ecr.eu-west-1.amazonaws.com", "team")
	require.NoError(t, err)
	assert.Equal(t, []string{"team/app", "team/sub/tool"}, l.Repositories, "every page read, other/ left out")

	e, err = registry.New(registry.WithRepositorySources(creds.NewECRTagTimes(creds.NewAWS(), awsEnv(t, map[string]string{"AWS_ENDPOINT_URL_ECR": url}), nil, nil)))
	require.NoError(t, err)
	_, err = e.ListRepositories(context.Background(), "123456789012.dkr.ecr.eu-west-1.amazonaws.com", "team")
	assert.ErrorIs(t, err, core.ErrUnauthorized)
}

// The registry engine asks ECR when tags were pushed, page after page.
func TestECRTagTimes(t *testing.T) {
	url := describeImagesEmulator(t)
	e, err := registry.New(registry.WithTagTimes(creds.NewECRTagTimes(creds.NewAWS(), ecrKeys(t, url), nil, nil)))
	require.NoError(t, err)
	got, err := e.TagTimes(context.Background(), "123456789012.dkr.ecr.eu-west-1.amazonaws.com/team/app")
	require.NoError(t, err)
	at := func(s float64) time.Time { return time.Unix(0, int64(s*1e9)).UTC() }
	assert.Equal(t, map[string]time.Time{
		"v1.0.0": at(1700000000), "v1.1.0": at(1700000100.5), "stable": at(1700000100.5),
		"v2.0.0": at(1700000300), "latest": at(1700000400),
	}, got)

	_, err = e.TagTimes(context.Background(), "123456789012.dkr.ecr.eu-west-1.amazonaws.com/team/gone")
	require.ErrorIs(t, err, core.ErrNotFound)
	assert.Contains(t, err.Error(), "RepositoryNotFoundException")
}

func TestECRTagTimesRefusals(t *testing.T) {
	url := describeImagesEmulator(t)
	wrong := awsEnv(t, map[string]string{"AWS_ACCESS_KEY_ID": "AKTEST", "AWS_SECRET_ACCESS_KEY": "SKWRONG", "AWS_ENDPOINT_URL_ECR": url})
	_, err := creds.NewECRTagTimes(creds.NewAWS(), wrong, nil, nil).TagTimes(context.Background(), "123456789012.dkr.ecr.eu-west-1.amazonaws.com", "team/app")
	require.ErrorIs(t, err, core.ErrUnauthorized)
	assert.NotContains(t, err.Error(), "SKWRONG")

	_, err = creds.NewECRTagTimes(creds.NewAWS(), awsEnv(t, nil), nil, nil).TagTimes(context.Background(), "123456789012.dkr.ecr.eu-west-1.amazonaws.com", "team/app")
	require.ErrorIs(t, err, core.ErrUnauthorized)

	tt := creds.NewECRTagTimes(creds.NewAWS(), ecrKeys(t, url), nil, nil)
	assert.True(t, tt.Serves("123456789012.dkr.ecr.eu-west-1.amazonaws.com"))
	assert.False(t, tt.Serves("ghcr.io"))
}
