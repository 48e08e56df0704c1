package events

import (
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/imagesync/imagesync/core"
)

// Limits on untrusted bodies.
const (
	MaxBody   = 4 << 20 // bytes of one body
	MaxEvents = 1000    // entries of one envelope
	MaxJobs   = 100     // job names of one tick
)

// Source kinds, which are also the format names Detect returns and Decode
// takes as Options.Format.
const (
	Distribution   = "distribution"    // CNCF distribution (docker registry) notifications
	Harbor         = "harbor"          // Harbor webhook, default or CloudEvents format
	ACR            = "acr"             // Alibaba ACR trigger (webhook) body
	ACREventBridge = "acr-eventbridge" // Alibaba EventBridge CloudEvent from acs.cr
	SWREE          = "swr-ee"          // Huawei SWR Enterprise Edition webhook (Harbor payload)
	SWRCTS         = "swr-cts"         // Huawei CTS audit event of SWR (basic edition)
	ECR            = "ecr"             // AWS EventBridge "ECR Image Action"
	GAR            = "gar"             // Google Artifact Registry / GCR Pub/Sub "gcr" topic message
	AWSSchedule    = "aws-schedule"    // AWS EventBridge "Scheduled Event"
	FCTimer        = "fc-timer"        // Alibaba Function Compute timer trigger
	FGTimer        = "fg-timer"        // Huawei FunctionGraph timer trigger
	CloudScheduler = "cloud-scheduler" // Google Cloud Scheduler HTTP body
	ManualTick     = "tick"            // a bare {"jobs": [...]} body
)

// Ignored is an entry of a payload that leads to no push, and why.
type Ignored struct {
	EventID string `json:"eventId,omitempty"`
	Reason  string `json:"reason"`
}

// FormatError is a body that could not be decoded. It is core.ErrInvalid.
type FormatError struct {
	Format string // the format tried, or "" when none was recognised
	Reason string
}

func (e *FormatError) Error() string {
	if e.Format == "" {
		return "undecodable event: " + e.Reason
	}
	return "undecodable " + e.Format + " event: " + e.Reason
}

// Unwrap makes a FormatError match core.ErrInvalid.
func (e *FormatError) Unwrap() error { return core.ErrInvalid }

func invalid(format, f string, args ...any) error {
	return &FormatError{Format: format, Reason: fmt.Sprintf(f, args...)}
}

// unmarshal decodes body into v after the size check; JSON errors become
// FormatErrors.
func unmarshal(format string, body []byte, v any) error {
	if len(body) > MaxBody {
		return invalid(format, "body of %d bytes exceeds %d", len(body), MaxBody)
	}
	if err := json.Unmarshal(body, v); err != nil {
		var syn *json.SyntaxError
		if errors.As(err, &syn) {
			return invalid(format, "not JSON: %v", err)
		}
		return invalid(format, "unexpected JSON shape: %v", err)
	}
	return nil
}

func tooMany(format string, n int) error {
	if n > MaxEvents {
		return invalid(format, "%d entries exceed the limit of %d", n, MaxEvents)
	}
	return nil
}

// parseTime accepts RFC 3339 and "2006-01-02 15:04:05" (taken as UTC);
// anything else gives the zero time.
func parseTime(s string) time.Time {
	for _, layout := range []string{time.RFC3339Nano, "2006-01-02 15:04:05", "2006-01-02T15:04:05"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t.UTC()
		}
	}
	return time.Time{}
}
