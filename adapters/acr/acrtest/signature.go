package acrtest

import (
	"crypto/hmac"
	"crypto/sha1"
	"encoding/base64"
	"net/url"
	"sort"
	"strings"
	"time"
)

// percentEncode encodes the way Alibaba's RPC signature v1 requires
// (RFC 3986: space as %20, '*' as %2A, '~' kept).
func percentEncode(s string) string {
	e := url.QueryEscape(s)
	e = strings.ReplaceAll(e, "+", "%20")
	e = strings.ReplaceAll(e, "*", "%2A")
	return strings.ReplaceAll(e, "%7E", "~")
}

// StringToSign builds the RPC v1 string to sign from every request
// parameter (query and form) except Signature.
func StringToSign(method string, params map[string]string) string {
	keys := make([]string, 0, len(params))
	for k := range params {
		if k != "Signature" {
			keys = append(keys, k)
		}
	}
	sort.Strings(keys)
	pairs := make([]string, len(keys))
	for i, k := range keys {
		pairs[i] = percentEncode(k) + "=" + percentEncode(params[k])
	}
	return method + "&" + percentEncode("/") + "&" + percentEncode(strings.Join(pairs, "&"))
}

// Sign computes the RPC v1 signature: base64(HMAC-SHA1(secret+"&", sts)).
func Sign(stringToSign, secret string) string {
	m := hmac.New(sha1.New, []byte(secret+"&"))
	m.Write([]byte(stringToSign))
	return base64.StdEncoding.EncodeToString(m.Sum(nil))
}

// authenticate checks the common and signature parameters. It returns nil
// or the error the service would answer. Callers hold mu.
func (s *Server) authenticate(method string, p map[string]string) *apiError {
	for _, k := range []string{"Action", "Version", "Format", "AccessKeyId", "SignatureMethod",
		"SignatureVersion", "SignatureNonce", "Timestamp", "Signature"} {
		if p[k] == "" {
			return missing(k)
		}
	}
	switch {
	case p["Version"] != "2018-12-01":
		return &apiError{status: 400, code: "InvalidVersion", msg: "Specified parameter Version is not valid."}
	case p["Format"] != "JSON":
		return &apiError{status: 400, code: "InvalidParameter.Format", msg: "this emulator speaks JSON only"}
	case p["SignatureMethod"] != "HMAC-SHA1" || p["SignatureVersion"] != "1.0":
		return &apiError{status: 400, code: "InvalidSignatureMethod", msg: "Specified signature method is not supported."}
	}
	ts, err := time.Parse("2006-01-02T15:04:05Z", p["Timestamp"])
	if err != nil || s.now().Sub(ts).Abs() > 15*time.Minute {
		return &apiError{status: 400, code: "InvalidTimeStamp.Expired", msg: "Specified time stamp or date value is expired."}
	}
	key, ok := s.keys[p["AccessKeyId"]]
	if !ok {
		return &apiError{status: 404, code: "InvalidAccessKeyId.NotFound", msg: "Specified access key is not found."}
	}
	sts := StringToSign(method, p)
	if !hmac.Equal([]byte(Sign(sts, key.secret)), []byte(p["Signature"])) {
		return &apiError{status: 400, code: "SignatureDoesNotMatch",
			msg: "Specified signature is not matched with our calculation. server string to sign is:" + sts}
	}
	if key.token != "" && p["SecurityToken"] != key.token {
		return &apiError{status: 400, code: "InvalidSecurityToken.Mismatch", msg: "Specified SecurityToken mismatch with the AccessKey."}
	}
	if s.nonces[p["SignatureNonce"]] {
		return &apiError{status: 400, code: "SignatureNonceUsed", msg: "Specified signature nonce was used already."}
	}
	s.nonces[p["SignatureNonce"]] = true
	return nil
}
