package policy

// SignalCodes returns the catalogue of signal codes that detectors, the
// identity graph and watchlists raise and that policies read. The linter
// refuses a code of a known stage that is not in this list, which catches
// misspelt codes; codes of other stages (a team's own detectors) pass.
func SignalCodes() []string {
	return []string{
		// Identity graph.
		"link.shared_email", "link.shared_phone", "link.shared_document",
		"link.shared_payout_account", "link.shared_wallet", "link.shared_device",
		"link.shared_mfa_device", "link.shared_shipping_address", "link.shared_photo",
		"link.photo_near_duplicate", "link.resume_near_duplicate",
		"link.same_person_other_contacts", "link.referral_in_ring", "link.ring_member",
		// Watchlists.
		"watchlist.name_match", "watchlist.identifier_match",
		// Application.
		"application.voip_phone", "application.non_geographic_phone",
		"application.disposable_email", "application.profile_predates_account",
		"application.ip_country_mismatch", "application.anonymizer_ip",
		// Interview.
		"interview.camera_off", "interview.declined_liveness",
		"interview.refused_location_check", "interview.face_changed",
		"interview.voice_changed", "interview.behaviour", "interview.anonymizer_ip",
		"interview.ip_country_mismatch",
		// Onboarding.
		"onboarding.shipping_differs_from_home", "onboarding.address_change_request",
		"onboarding.freight_forwarder", "onboarding.shared_shipping_address",
		// Network.
		"network.anonymizer", "network.known_vpn_provider", "network.country_mismatch",
		"network.impossible_travel", "network.shared_ip_workers", "network.shared_mfa_device",
		// Activity.
		"activity.timezone_mismatch", "activity.device_clock_mismatch",
		// Endpoint.
		"endpoint.remote_access_tool", "endpoint.second_remote_access_tool",
		"endpoint.ip_kvm", "endpoint.shared_wifi", "endpoint.shared_public_ip",
		// Payroll.
		"payroll.shared_account", "payroll.holder_mismatch", "payroll.frequent_changes",
		"payroll.crypto", "payroll.pass_through_service", "payroll.wallet_on_watchlist",
		// Keystroke timing and document checks.
		"keystroke.latency_high", "document.check_failed",
	}
}

// knownStages are the stages of the catalogue.
var knownStages = []string{"link", "watchlist", "application", "interview",
	"onboarding", "network", "activity", "endpoint", "payroll", "keystroke", "document"}
