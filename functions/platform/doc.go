// Package platform is what the serverless entrypoints (functions/aws,
// functions/aliyun, functions/huawei, functions/gcp) have in common, kept
// free of any platform SDK:
//
//   - Dispatch, the invoke skeleton of an event function: a payload that
//     IsHTTP recognises (payload format 2.0: rawPath and
//     requestContext.http.method) is answered by the HTTP API, anything
//     else goes to an EventFunc, whose outcome or error is logged;
//   - Request and Serve, which turn a platform's HTTP event into an
//     *http.Request, run it through the HTTP API and buffer the answer;
//   - Response, the buffered http.ResponseWriter, and Answer, the encoding
//     every platform's HTTP result is a copy of (status, one value per
//     header, optional cookies, a UTF-8 or base64 body);
//   - AppEvents and StartupFailed, the App's event entry and the one log
//     line of a failed start-up.
//
// Invariants: nothing here reads the environment, starts a goroutine or
// holds state between invocations; an HTTP event that cannot be decoded or
// turned into a request is answered 400 (never an invocation error); an
// EventFunc returns an error only when the platform should retry, and
// Dispatch passes that error on unchanged. The platform packages own their
// event types, request ids and retry wording, and convert an Answer into
// their own response type without changing it.
package platform
