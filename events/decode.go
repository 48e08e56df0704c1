package events

import (
	"strings"

	"github.com/imagesync/imagesync/core"
)

// Options adjust Decode.
type Options struct {
	// Format forces a decoder (a source kind constant, as from ?format=)
	// instead of Detect.
	Format string
	// Host is the registry host to report for payloads that name none (ACR
	// webhook, SWR CTS, acs.cr events without an instance name). For a
	// distribution notification it replaces request.host, for registries
	// that clients reach under another name.
	Host string
}

// Formats lists every format Decode knows.
var Formats = []string{Distribution, Harbor, ACR, ACREventBridge, SWREE, SWRCTS, ECR, GAR,
	AWSSchedule, FCTimer, FGTimer, CloudScheduler, ManualTick}

// Decode detects (or takes from opts) the format of body and decodes it:
// push formats give pushes and ignored entries, schedule formats a tick.
// An error wraps core.ErrInvalid (as a *FormatError naming the format
// tried): the body is malformed or of no known format, and retrying it
// cannot help.
func Decode(body []byte, headers map[string]string, opts Options) ([]core.Push, []Ignored, *core.Tick, error) {
	format := opts.Format
	if format == "" {
		format = Detect(body, headers)
	}
	var (
		pushes  []core.Push
		ignored []Ignored
		tick    *core.Tick
		err     error
	)
	switch format {
	case Distribution:
		pushes, ignored, err = DecodeDistribution(body)
		for i := range pushes {
			if opts.Host != "" {
				pushes[i].Registry = opts.Host
			}
		}
	case Harbor:
		pushes, ignored, err = DecodeHarbor(body)
	case SWREE:
		pushes, ignored, err = DecodeSWREE(body)
	case ACR:
		pushes, ignored, err = DecodeACRWebhook(body, opts.Host)
	case ACREventBridge:
		pushes, ignored, err = DecodeACREventBridge(body, opts.Host)
	case SWRCTS:
		pushes, ignored, err = DecodeSWRCTS(body, opts.Host)
	case ECR:
		pushes, ignored, err = DecodeECR(body)
	case GAR:
		pushes, ignored, err = DecodeGAR(body)
	case AWSSchedule:
		tick, err = DecodeAWSSchedule(body)
	case FCTimer:
		tick, err = DecodeFCTimer(body)
	case FGTimer:
		tick, err = DecodeFGTimer(body)
	case CloudScheduler:
		tick, err = DecodeCloudScheduler(body, lowerKeys(headers)["x-cloudscheduler-scheduletime"])
	case ManualTick:
		tick, err = DecodeTick(body)
	case "":
		err = &FormatError{Reason: "not a payload of any known format (" + strings.Join(Formats, ", ") + ")"}
	default:
		err = &FormatError{Format: format, Reason: "unknown format; use one of " + strings.Join(Formats, ", ")}
	}
	if err != nil {
		return nil, nil, nil, err
	}
	return pushes, ignored, tick, nil
}
