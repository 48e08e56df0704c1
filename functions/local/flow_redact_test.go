package main

import (
	"bytes"
	"crypto/sha256"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/imagesync/imagesync/adapters/acr/acrtest"
	"github.com/imagesync/imagesync/adapters/registry/registrytest"
	"github.com/imagesync/imagesync/adapters/swr/swrtest"
	"github.com/imagesync/imagesync/functions/httpapi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Known secrets of the full run: none may appear in a log line or answer.
const (
	hmacSecret  = "hmac-secret-5b2f7e11c9a04d38"
	apiToken    = "api-token-0f4a9c2e7d1b6a53"
	hookSecret  = "Bearer hook-secret-91d0c4e8a7f2"
	regPassword = "registry-password-3e8b1f"
)

type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}
func (l *lockedBuffer) String() string { l.mu.Lock(); defer l.mu.Unlock(); return l.b.String() }

// TestNoSecretInLogsOrAnswers runs the real binary with every kind of
// secret set (signing key, API token, webhook secret, registry password,
// ACR and SWR keys pointing at their emulators), drives signed, token,
// webhook, ACR, SWR and refused calls through it, and asserts that no
// secret appears in any log line (debug level) or any answer.
func TestNoSecretInLogsOrAnswers(t *testing.T) {
	src, dst := registrytest.InMemory(t), registrytest.InMemory(t)
	registrytest.PushIndex(t, src+"/team/app:v1", 1024, 1, 1)
	acr := acrtest.New()
	t.Cleanup(acr.Close)
	acr.AddRepository("cn-hangzhou", "cri-src0001", "ns1", "repo1")
	acr.AddInstance("cn-beijing", "cri-dst0001")
	swr := swrtest.New(swrtest.Config{})
	t.Cleanup(swr.Close)
	swr.AddRepository("ns1", "app", "v1")
	swr.AddRemoteNamespace("cn-east-3", "ns1")

	config := fmt.Sprintf(`log: {level: debug}
auth:
  signing: [{name: ci, secrets: [{secretEnv: T_HMAC}]}]
  tokens: [{name: ops, sha256: %s}]
webhooks: {distribution: {secrets: [{secretEnv: T_HOOK}]}}
acr: {region: cn-hangzhou, endpoint: %q}
swr: {region: cn-north-4, projectId: %s, endpoint: %q}
onPush: [{name: m, match: {repository: "team/**"}, targets: [{image: "%s/mirror/${path}:${tag}"}]}]
`, sha256hex(apiToken), acr.URL, swrtest.TestProjectID, swr.URL, dst)
	path := filepath.Join(t.TempDir(), "imagesync.yaml")
	require.NoError(t, os.WriteFile(path, []byte(config), 0o600))
	addr := registrytest.FreeAddr(t)
	logs := &lockedBuffer{}
	cmd := exec.Command(buildBinary(t), "serve", "--addr", addr, "--config", path)
	cmd.Env = append(os.Environ(), "T_HMAC="+hmacSecret, "T_HOOK="+hookSecret, "REGISTRY_PASSWORD="+regPassword,
		"ALIBABA_CLOUD_ACCESS_KEY_ID="+acrtest.TestAccessKeyID, "ALIBABA_CLOUD_ACCESS_KEY_SECRET="+acrtest.TestAccessKeySecret,
		"CLOUD_SDK_AK="+swrtest.TestAK, "CLOUD_SDK_SK="+swrtest.TestSK, "IMAGESYNC_ACR_ENDPOINT="+acr.URL)
	cmd.Stderr = logs
	require.NoError(t, cmd.Start())
	t.Cleanup(func() { _ = cmd.Process.Kill(); _ = cmd.Wait() })
	api := "http://" + addr
	registrytest.WaitHTTP(t, api+"/healthz")

	var answers bytes.Buffer
	do := func(method, path, body string, hdr map[string]string) int {
		req, _ := http.NewRequest(method, api+path, strings.NewReader(body))
		for k, v := range hdr {
			req.Header.Set(k, v)
		}
		res, err := http.DefaultClient.Do(req)
		require.NoError(t, err)
		defer res.Body.Close()
		b, _ := io.ReadAll(res.Body)
		fmt.Fprintf(&answers, "%d %v %s\n", res.StatusCode, res.Header, b)
		return res.StatusCode
	}
	signed := func(body string) map[string]string {
		return map[string]string{httpapi.SignatureHeader: httpapi.Sign([]byte(hmacSecret), []byte(body), time.Now())}
	}
	token := map[string]string{"Authorization": "Bearer " + apiToken}
	reg := fmt.Sprintf(`{"source":{"image":"%s/team/app:v1"},"target":{"image":"%s/team/app:v1"}}`, src, dst)
	acrBody := `{"source":{"engine":"acr","region":"cn-hangzhou","instance":"cri-src0001","namespace":"ns1","repository":"repo1","tag":"v1"},"target":{"engine":"acr","region":"cn-beijing","instance":"cri-dst0001","namespace":"ns1","repository":"repo1"}}`
	swrBody := `{"source":{"engine":"swr","region":"cn-north-4","namespace":"ns1","repository":"app","tag":"v1"},"target":{"engine":"swr","region":"cn-east-3","namespace":"ns1","repository":"app"}}`
	creds := fmt.Sprintf(`{"source":{"image":"admin:%s@%s/team/app:v1"},"target":{"image":"%s/x:v1"}}`, regPassword, src, dst)
	hook := fmt.Sprintf(`{"events":[{"id":"e1","action":"push","target":{"mediaType":"application/vnd.oci.image.index.v1+json","repository":"team/app","tag":"v1"},"request":{"host":%q}}]}`, src)

	assert.Equal(t, 200, do("POST", "/v1/syncs", reg, signed(reg)))
	assert.Less(t, do("POST", "/v1/syncs", acrBody, token), 300)
	assert.Less(t, do("POST", "/v1/syncs", swrBody, token), 300)
	assert.Equal(t, 200, do("GET", "/v1/syncs?engine=acr&region=cn-hangzhou&instance=cri-src0001", "", token))
	assert.Equal(t, 400, do("POST", "/v1/syncs", creds, token))
	assert.Equal(t, 200, do("POST", "/v1/events", hook, map[string]string{"Authorization": hookSecret}))
	assert.Equal(t, 401, do("POST", "/v1/events", hook, map[string]string{"Authorization": hookSecret + "x"}))
	assert.Equal(t, 401, do("POST", "/v1/syncs", reg, signed(reg+" ")))
	assert.Equal(t, 401, do("POST", "/v1/syncs", reg, map[string]string{"Authorization": "Bearer " + apiToken + "x"}))
	time.Sleep(200 * time.Millisecond)

	all := logs.String() + answers.String()
	for name, s := range map[string]string{"signing secret": hmacSecret, "API token": apiToken, "webhook secret": strings.TrimPrefix(hookSecret, "Bearer "),
		"registry password": regPassword, "ACR secret": acrtest.TestAccessKeySecret, "SWR SK": swrtest.TestSK} {
		assert.NotContains(t, all, s, name)
	}
	assert.Contains(t, logs.String(), `"level":"DEBUG"`, "debug logs were captured too")
	t.Logf("checked %d bytes of logs and %d of answers", len(logs.String()), answers.Len())
}

func sha256hex(s string) string { return fmt.Sprintf("%x", sha256.Sum256([]byte(s))) }
