package swrtest

import (
	"net/http"
	"time"

	"github.com/imagesync/imagesync/adapters/internal/huaweicloud/apigwtest"
)

// VerifySignature checks r's SDK-HMAC-SHA256 signature against one key
// pair; body is r's body, already read. It returns why the signature fails,
// or nil. It is apigwtest's: the same API gateway signs every Huawei
// service.
func VerifySignature(r *http.Request, body []byte, ak, sk string, now time.Time) error {
	return apigwtest.VerifySignature(r, body, ak, sk, now)
}
