package app_test

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/imagesync/imagesync/adapters/registry/registrytest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// post sends body to path of h and returns the status and the answer.
func post(t *testing.T, h http.Handler, path, body string) (int, string) {
	t.Helper()
	w := httptest.NewRecorder()
	h.ServeHTTP(w, httptest.NewRequest(http.MethodPost, path, strings.NewReader(body)))
	return w.Code, w.Body.String()
}

// distributionPush is a distribution notification of one tagged manifest
// push of digest to host/repo:tag.
func distributionPush(host, repo, tag, digest, id string) string {
	return fmt.Sprintf(`{"events":[{"id":%q,"timestamp":"2026-01-02T15:04:05Z","action":"push",
"target":{"mediaType":"application/vnd.oci.image.index.v1+json","digest":%q,"repository":%q,"tag":%q},
"request":{"host":%q}}]}`, id, digest, repo, tag, host)
}

// TestTriggerPolicyWired: policy.triggers, read by app.New, refuses a push
// rule's target on a host it does not allow: the push's answer names the
// rule as forbidden, the allowed target is copied, and the refused
// registry never receives a request.
func TestTriggerPolicyWired(t *testing.T) {
	src, allowed := registrytest.InMemory(t), registrytest.InMemory(t)
	refused, requests := registrytest.Counting(t)
	want := registrytest.PushIndex(t, src+"/team/app:v1", 512, 1, 1)
	a := newApp(t, fmt.Sprintf(`
auth: {mode: none}
policy:
  rules:
    mirror: {sources: [{}], targets: [{registry: %q}]}
  triggers: mirror
onPush:
  - name: everywhere
    match: {registry: %q, repository: "team/**"}
    targets: [{image: "%s/${path}:${tag}"}, {image: "%s/${path}:${tag}"}]
`, allowed, src, allowed, refused))

	status, out := post(t, a.HTTP, "/v1/events", distributionPush(src, "team/app", "v1", want, "evt-policy"))
	require.Equal(t, http.StatusOK, status, out)
	assert.Contains(t, out, `"kind": "forbidden"`)
	assert.Contains(t, out, `policy \"mirror\" refuses target `+refused+`/team/app:v1`)
	assert.Equal(t, want, registrytest.Digest(t, allowed+"/team/app:v1"))
	assert.Zero(t, requests.Load(), "the refused registry was contacted")

	status, out = post(t, a.HTTP, "/v1/events?dryRun=true", distributionPush(src, "team/app", "v1", want, "evt-policy-2"))
	require.Equal(t, http.StatusOK, status, out)
	assert.Zero(t, requests.Load(), "a dry run does not contact it either")
}

// TestAllowHostsWired: policy.allowHosts, read by app.New, re-allows a
// blocked address. 0.0.0.0 ("this network") reaches the services of the
// host itself, so it is refused as an endpoint unless listed: a literal
// address or CIDR in allowHosts lets both the name check and the dial
// guard through (the copy lands, over plain HTTP as registry.hosts says);
// a glob passes the name check only, and the dial guard still refuses the
// address.
func TestAllowHostsWired(t *testing.T) {
	src := registrytest.InMemory(t)
	want := registrytest.PushIndex(t, src+"/team/app:v1", 512, 1, 1)
	for _, c := range []struct {
		name, allowHosts string
		copied           bool
	}{
		{"none", `[]`, false},
		{"cidr", `["0.0.0.0/8"]`, true},
		{"address", `["0.0.0.0"]`, true},
		{"address and port", `["0.0.0.0:*"]`, true},
		{"glob over the address", `["0.0.*.*"]`, false},
	} {
		t.Run(c.name, func(t *testing.T) {
			dst, conns := registrytest.Counting(t)
			_, port, _ := strings.Cut(dst, ":")
			a := newApp(t, "auth: {mode: none}\npolicy: {allowHosts: "+c.allowHosts+"}\n"+
				"registry: {hosts: [{host: \"0.0.0.0:"+port+"\", tls: disabled}]}\n")
			status, out := post(t, a.HTTP, "/v1/syncs", `{"source":{"image":"`+src+`/team/app:v1"},"target":{"image":"0.0.0.0:`+port+`/team/app:v1"}}`)
			if c.copied {
				require.Equal(t, http.StatusOK, status, out)
				assert.Equal(t, want, registrytest.Digest(t, dst+"/team/app:v1"))
				return
			}
			assert.Equal(t, http.StatusForbidden, status, out)
			assert.Contains(t, out, "unspecified")
			assert.Zero(t, conns.Load(), "the refused registry was contacted")
		})
	}
}

// TestUnspecifiedAddressesRefused: every spelling of an unspecified
// address reaches the host's own services (a registry on loopback here,
// listening on 127.0.0.1 and [::1]); each is refused as a sync's target
// (403, naming the rule), and nothing connects to the registry.
func TestUnspecifiedAddressesRefused(t *testing.T) {
	a := newApp(t, "auth: {mode: none}\n")
	dst, conns := registrytest.Counting(t)
	_, port, _ := strings.Cut(dst, ":")
	for _, host := range []string{"0.0.0.0", "0.1.2.3", "[::]", "[::0]", "[0:0:0:0:0:0:0:0]", "[::0.0.0.0]",
		"[::ffff:0.0.0.0]", "[::ffff:0:0]", "[0:0:0:0:0:ffff:0.0.0.0]"} {
		t.Run(host, func(t *testing.T) {
			status, out := post(t, a.HTTP, "/v1/syncs", `{"source":{"image":"`+dst+`/team/app:v1"},"target":{"image":"`+host+`:`+port+`/team/app:v1"}}`)
			assert.Equal(t, http.StatusForbidden, status, out)
			assert.Contains(t, out, "is a link-local, unspecified or cloud metadata address: refused")
		})
	}
	assert.Zero(t, conns.Load(), "the registry was contacted")
}
