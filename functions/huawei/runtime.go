package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"reflect"
	"strconv"
	"time"

	"github.com/imagesync/imagesync/core"
	"github.com/imagesync/imagesync/functions/app"
	"github.com/imagesync/imagesync/functions/platform"
)

// maxEvent bounds an invocation's payload (FunctionGraph's own limit for
// asynchronous events is 256 KB; this leaves room).
const maxEvent = 6 << 20

// runEvents is the custom runtime's loop over FunctionGraph's runtime API at
// RUNTIME_API_ADDR. Each invocation runs within RUNTIME_TIMEOUT seconds (the
// function's timeout; default 900). When ctx ends (SIGTERM), the loop asks
// for no more invocations; one in flight may finish for up to grace, then
// is cancelled, and its outcome is reported before the loop returns.
func runEvents(ctx context.Context, getenv func(string) string, h platform.EventFunc, grace time.Duration, log *slog.Logger) error {
	addr := getenv("RUNTIME_API_ADDR")
	if addr == "" {
		return fmt.Errorf("RUNTIME_API_ADDR is not set: run events mode as a FunctionGraph custom runtime")
	}
	timeout := 900 * time.Second
	if s, err := strconv.Atoi(getenv("RUNTIME_TIMEOUT")); err == nil && s > 0 {
		timeout = time.Duration(s) * time.Second
	}
	base := "http://" + addr + "/v1/runtime/invocation/"
	client := &http.Client{} // no timeout: the request for the next invocation waits for one
	for {
		req, err := http.NewRequestWithContext(ctx, http.MethodGet, base+"request", nil)
		if err != nil {
			return err
		}
		res, err := client.Do(req)
		if err != nil {
			if ctx.Err() != nil {
				return nil
			}
			return fmt.Errorf("getting the next invocation: %w", err)
		}
		body, err := io.ReadAll(io.LimitReader(res.Body, maxEvent))
		res.Body.Close()
		if err != nil || res.StatusCode != http.StatusOK {
			return fmt.Errorf("getting the next invocation: status %d: %v", res.StatusCode, err)
		}
		id := res.Header.Get("X-Cff-Request-Id")
		headers := map[string]string{"x-cff-request-id": id, "x-cff-invoke-type": res.Header.Get("X-Cff-Invoke-Type")}
		out, herr := invoke(ctx, grace, timeout, func(ictx context.Context) (any, error) {
			return h(agencyCredentials(ictx, res.Header), body, headers)
		})
		if err := report(client, base, id, out, herr, log); err != nil {
			return err
		}
	}
}

// invoke runs one invocation within timeout, going on for up to grace once
// ctx ends.
func invoke(ctx context.Context, grace, timeout time.Duration, run func(context.Context) (any, error)) (any, error) {
	work, stop := app.Graceful(context.WithoutCancel(ctx), ctx, grace)
	defer stop()
	ictx, cancel := context.WithTimeout(work, timeout)
	defer cancel()
	return run(ictx)
}

// agencyCredentials returns ctx carrying the temporary keys of the
// function's agency that FunctionGraph sends with the invocation
// (X-CFF-Access-Key, -Secret-Key, -Security-Token), for this invocation
// only: the registry engine's SWR logins and listings sign with them. They
// go nowhere else (not in the headers handed on, never logged).
func agencyCredentials(ctx context.Context, h http.Header) context.Context {
	return core.WithInvocationCredentials(ctx, core.InvocationCredentials{Cloud: core.CloudHuawei,
		AccessKeyID: h.Get("X-Cff-Access-Key"), AccessKeySecret: h.Get("X-Cff-Secret-Key"),
		SecurityToken: h.Get("X-Cff-Security-Token")})
}

// report posts the outcome of invocation id: its JSON result, or the error.
func report(client *http.Client, base, id string, out any, herr error, log *slog.Logger) error {
	url, payload := base+"response/"+id, []byte(nil)
	if herr != nil {
		log.Warn("event failed; FunctionGraph may retry", slog.String("requestId", id), slog.String("error", herr.Error()))
		url = base + "error/" + id
		payload, _ = json.Marshal(map[string]string{"errorType": errorType(herr), "errorMessage": herr.Error()})
	} else if b, err := json.Marshal(out); err == nil {
		log.Info("event", slog.String("requestId", id), slog.Any("outcome", out))
		payload = b
	} else {
		return fmt.Errorf("encoding the result of %s: %w", id, err)
	}
	res, err := client.Post(url, "application/json", bytes.NewReader(payload))
	if err != nil {
		return fmt.Errorf("reporting invocation %s: %w", id, err)
	}
	_, _ = io.Copy(io.Discard, res.Body)
	res.Body.Close()
	if res.StatusCode/100 != 2 {
		return fmt.Errorf("reporting invocation %s: status %d", id, res.StatusCode)
	}
	return nil
}

// errorType is the Go type name of err, as Lambda reports it too.
func errorType(err error) string {
	t := reflect.TypeOf(err)
	if t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	return t.Name()
}
