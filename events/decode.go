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

// Decoded is what one payload holds: pushes and the entries it ignored
// (push formats), or a tick (schedule formats).
type Decoded struct {
	// Format is the format decoded: opts.Format, else the detected one
	// ("" when none was recognised). It is set when Decode fails too.
	Format  string
	Pushes  []core.Push
	Ignored []Ignored
	Tick    *core.Tick
}

// Decode detects (or takes from opts) the format of body and decodes it.
// An error wraps core.ErrInvalid (as a *FormatError naming the format
// tried): the body is malformed or of no known format, and retrying it
// cannot help.
func Decode(body []byte, headers map[string]string, opts Options) (Decoded, error) {
	d := Decoded{Format: opts.Format}
	if d.Format == "" {
		d.Format = Detect(body, headers)
	}
	var err error
	switch d.Format {
	case Distribution:
		d.Pushes, d.Ignored, err = DecodeDistribution(body)
		for i := range d.Pushes {
			if opts.Host != "" {
				d.Pushes[i].Registry = opts.Host
			}
		}
	case Harbor:
		d.Pushes, d.Ignored, err = DecodeHarbor(body)
	case SWREE:
		d.Pushes, d.Ignored, err = DecodeSWREE(body)
	case ACR:
		d.Pushes, d.Ignored, err = DecodeACRWebhook(body, opts.Host)
	case ACREventBridge:
		d.Pushes, d.Ignored, err = DecodeACREventBridge(body, opts.Host)
	case SWRCTS:
		d.Pushes, d.Ignored, err = DecodeSWRCTS(body, opts.Host)
	case ECR:
		d.Pushes, d.Ignored, err = DecodeECR(body)
	case GAR:
		d.Pushes, d.Ignored, err = DecodeGAR(body)
	case AWSSchedule:
		d.Tick, err = DecodeAWSSchedule(body)
	case FCTimer:
		d.Tick, err = DecodeFCTimer(body)
	case FGTimer:
		d.Tick, err = DecodeFGTimer(body)
	case CloudScheduler:
		d.Tick, err = DecodeCloudScheduler(body, lowerKeys(headers)["x-cloudscheduler-scheduletime"])
	case ManualTick:
		d.Tick, err = DecodeTick(body)
	case "":
		err = &FormatError{Reason: "not a payload of any known format (" + strings.Join(Formats, ", ") + ")"}
	default:
		err = &FormatError{Format: d.Format, Reason: "unknown format; use one of " + strings.Join(Formats, ", ")}
	}
	if err != nil {
		return Decoded{Format: d.Format}, err
	}
	return d, nil
}
