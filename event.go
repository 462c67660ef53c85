package ringer

import (
	"encoding/json"
	"fmt"
	"strings"
	"time"
)

// Event types accepted in Event.Type.
const (
	EventSignIn            = "sign_in"
	EventInterview         = "interview"
	EventShipment          = "shipment"
	EventEndpointInventory = "endpoint_inventory"
	EventPayrollChange     = "payroll_change"
	EventActivity          = "activity"
	EventKeystrokeLatency  = "keystroke_latency"
	EventDocumentCheck     = "document_check"
)

// KnownEventTypes lists the event types the contract names. Other types are
// kept and reported, never an error.
var KnownEventTypes = []string{EventSignIn, EventInterview, EventShipment,
	EventEndpointInventory, EventPayrollChange, EventActivity,
	EventKeystrokeLatency, EventDocumentCheck}

// Interview observations accepted in Event.Observations.
const (
	ObsDeclinedLiveness   = "declined_liveness_check"
	ObsFaceArtifacts      = "face_artifacts"
	ObsReadingAnswers     = "reading_answers"
	ObsVoiceChanged       = "voice_changed"
	ObsVirtualBackground  = "virtual_background"
	ObsOtherVoices        = "other_voices"
	ObsAudioVideoDesync   = "audio_video_desync"
	ObsRefusedLocationChk = "refused_location_check"
)

// Event is something observed about a record after it was created: a
// sign-in, an interview, a laptop shipment, an endpoint inventory, a payroll
// change, work activity, keystroke timing or a document check. One flat
// struct carries the fields of every type; Type says which apply.
type Event struct {
	Type     string    `json:"event"`
	RecordID string    `json:"record_id"`
	At       time.Time `json:"at,omitzero"`
	// Seq is the store's sequence number for the event, 0 before storing.
	Seq int64 `json:"seq,omitempty"`

	// sign_in
	IP          string `json:"ip,omitempty"`
	DeviceID    string `json:"device_id,omitempty"`
	MFADeviceID string `json:"mfa_device_id,omitempty"`
	UserAgent   string `json:"user_agent,omitempty"`
	App         string `json:"app,omitempty"`
	Success     *bool  `json:"success,omitempty"`

	// interview
	CameraOn      *bool    `json:"camera_on,omitempty"`
	Observations  []string `json:"observations,omitempty"`
	ParticipantIP string   `json:"participant_ip,omitempty"`
	Photo         *Photo   `json:"photo,omitempty"`
	Interviewer   string   `json:"interviewer,omitempty"`

	// shipment
	Address         *Address `json:"address,omitempty"`
	RequestedChange *bool    `json:"requested_change,omitempty"`

	// endpoint_inventory (device_id as for sign_in)
	Software []Software  `json:"software,omitempty"`
	USB      []USBDevice `json:"usb,omitempty"`
	WiFi     *WiFi       `json:"wifi,omitempty"`
	PublicIP string      `json:"public_ip,omitempty"`

	// payroll_change
	Account *PayoutAccount `json:"account,omitempty"`

	// activity: Kind is commit, chat, ticket…; At keeps the local offset.
	Kind string `json:"kind,omitempty"`

	// keystroke_latency
	P50Ms   float64 `json:"p50_ms,omitempty"`
	Samples int     `json:"samples,omitempty"`

	// document_check
	Provider  string  `json:"provider,omitempty"`
	Result    string  `json:"result,omitempty"`
	FaceMatch *Result `json:"face_match,omitempty"`
	Liveness  *Result `json:"liveness,omitempty"`

	// Unknown holds fields the contract does not name; kept and reported.
	Unknown map[string]json.RawMessage `json:"-"`
}

// Software is one installed program or running process on an endpoint.
type Software struct {
	Name    string `json:"name"`
	Version string `json:"version,omitempty"`
	Path    string `json:"path,omitempty"`
	// BundleID is the macOS bundle identifier when the inventory has one.
	BundleID string `json:"bundle_id,omitempty"`
}

// USBDevice is one USB device attached to an endpoint. Vendor and product
// ids are hexadecimal strings as lsusb and osquery print them.
type USBDevice struct {
	VendorID  string `json:"vendor_id,omitempty"`
	ProductID string `json:"product_id,omitempty"`
	Vendor    string `json:"vendor,omitempty"`
	Product   string `json:"product,omitempty"`
	Serial    string `json:"serial,omitempty"`
}

// WiFi is the wireless network an endpoint is joined to.
type WiFi struct {
	BSSID string `json:"bssid,omitempty"`
	SSID  string `json:"ssid,omitempty"`
}

// Result is the outcome of a check that providers report in different
// shapes: a boolean, a score in 0..1, or a word (pass, fail, review).
type Result struct {
	Pass  *bool    `json:"-"`
	Score *float64 `json:"-"`
	Word  string   `json:"-"`
}

// Passed reports whether the check passed: true, a score ≥ 0.5, or "pass".
// ok is false when the result says nothing either way.
func (r Result) Passed() (passed, ok bool) {
	switch {
	case r.Pass != nil:
		return *r.Pass, true
	case r.Score != nil:
		return *r.Score >= 0.5, true
	case r.Word != "":
		switch strings.ToLower(r.Word) {
		case "pass", "passed", "true", "match", "ok", "yes":
			return true, true
		case "fail", "failed", "false", "no_match", "mismatch", "no":
			return false, true
		}
	}
	return false, false
}

// MarshalJSON writes the result in the shape it was read.
func (r Result) MarshalJSON() ([]byte, error) {
	switch {
	case r.Pass != nil:
		return json.Marshal(*r.Pass)
	case r.Score != nil:
		return json.Marshal(*r.Score)
	}
	return json.Marshal(r.Word)
}

// UnmarshalJSON reads a boolean, a number or a string.
func (r *Result) UnmarshalJSON(b []byte) error {
	*r = Result{}
	var v any
	if err := json.Unmarshal(b, &v); err != nil {
		return err
	}
	switch x := v.(type) {
	case bool:
		r.Pass = &x
	case float64:
		r.Score = &x
	case string:
		r.Word = x
	case nil:
	default:
		return fmt.Errorf("want a boolean, number or string, got %s", truncate(string(b), 40))
	}
	return nil
}
