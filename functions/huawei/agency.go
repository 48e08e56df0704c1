package main

import (
	"net/http"

	"github.com/imagesync/imagesync/core"
)

// agencyHeaders are the headers FunctionGraph adds to each request of an
// HTTP function whose "Include Keys" setting is on: the temporary keys of
// the function's agency, and its IAM token.
var agencyHeaders = []string{"X-CFF-Security-Access-Key", "X-CFF-Security-Secret-Key", "X-CFF-Security-Token", "X-CFF-Auth-Token"}

// withAgencyKeys hands the agency keys of each request to h in its
// context, for this request only: the swr and hss engines and the SWR
// logins sign with them, as the event function's calls do with those of
// its runtime API. The headers themselves go no further (h never sees,
// logs or answers them).
func withAgencyKeys(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		c := core.InvocationCredentials{Cloud: core.CloudHuawei, AccessKeyID: r.Header.Get(agencyHeaders[0]),
			AccessKeySecret: r.Header.Get(agencyHeaders[1]), SecurityToken: r.Header.Get(agencyHeaders[2])}
		for _, k := range agencyHeaders {
			r.Header.Del(k)
		}
		h.ServeHTTP(w, r.WithContext(core.WithInvocationCredentials(r.Context(), c)))
	})
}
