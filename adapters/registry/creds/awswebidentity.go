package creds

import (
	"context"
	"encoding/xml"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
)

// webIdentity trades the web identity token in tokenFile (EKS writes it)
// for role's credentials: sts:AssumeRoleWithWebIdentity, a request the
// token itself authorizes (it is not signed).
type webIdentity struct {
	getenv    func(string) string
	region    string // used when neither AWS_REGION nor AWS_DEFAULT_REGION is set
	tokenFile string
	role      string
	client    *http.Client
}

type stsCredentials struct {
	AccessKeyID     string    `xml:"AssumeRoleWithWebIdentityResult>Credentials>AccessKeyId"`
	SecretAccessKey string    `xml:"AssumeRoleWithWebIdentityResult>Credentials>SecretAccessKey"`
	SessionToken    string    `xml:"AssumeRoleWithWebIdentityResult>Credentials>SessionToken"`
	Expiration      time.Time `xml:"AssumeRoleWithWebIdentityResult>Credentials>Expiration"`
}

type stsError struct {
	Code    string `xml:"Error>Code"`
	Message string `xml:"Error>Message"`
}

func (w *webIdentity) Retrieve(ctx context.Context) (aws.Credentials, error) {
	token, err := os.ReadFile(w.tokenFile)
	if err != nil {
		return aws.Credentials{}, fmt.Errorf("web identity: reading the token: %w", err)
	}
	region := orEnv(w.getenv, "AWS_REGION", orEnv(w.getenv, "AWS_DEFAULT_REGION", w.region))
	endpoint := orEnv(w.getenv, "AWS_ENDPOINT_URL_STS", "https://sts."+region+"."+awsDomain(region))
	session := orEnv(w.getenv, "AWS_ROLE_SESSION_NAME", "imagesync-"+strconv.FormatInt(time.Now().UnixNano(), 36))
	form := url.Values{"Action": {"AssumeRoleWithWebIdentity"}, "Version": {"2011-06-15"}, "RoleArn": {w.role},
		"RoleSessionName": {session}, "WebIdentityToken": {strings.TrimSpace(string(token))}}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, endpoint, strings.NewReader(form.Encode()))
	if err != nil {
		return aws.Credentials{}, err
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	client := w.client
	if client == nil {
		client = http.DefaultClient
	}
	res, err := client.Do(req)
	if err != nil {
		return aws.Credentials{}, fmt.Errorf("web identity: %w", err)
	}
	defer res.Body.Close()
	body, err := io.ReadAll(io.LimitReader(res.Body, 64<<10))
	if err != nil {
		return aws.Credentials{}, fmt.Errorf("web identity: %w", err)
	}
	if res.StatusCode != http.StatusOK {
		var e stsError
		_ = xml.Unmarshal(body, &e)
		return aws.Credentials{}, fmt.Errorf("web identity: sts AssumeRoleWithWebIdentity: HTTP %d %s %s", res.StatusCode, e.Code, e.Message)
	}
	var c stsCredentials
	if err := xml.Unmarshal(body, &c); err != nil || c.AccessKeyID == "" || c.SecretAccessKey == "" {
		return aws.Credentials{}, fmt.Errorf("web identity: sts answered without credentials (%v)", err)
	}
	return aws.Credentials{AccessKeyID: c.AccessKeyID, SecretAccessKey: c.SecretAccessKey, SessionToken: c.SessionToken,
		Source: "WebIdentity", CanExpire: !c.Expiration.IsZero(), Expires: c.Expiration}, nil
}

// awsDomain is the DNS suffix of region's partition.
func awsDomain(region string) string {
	if strings.HasPrefix(region, "cn-") {
		return "amazonaws.com.cn"
	}
	return "amazonaws.com"
}
