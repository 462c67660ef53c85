package detect

// The public sources the signals cite. Each names what the source says, so
// an analyst can check the indicator against it.
const (
	// FBI, Department of State and Treasury, "Guidance on the Democratic
	// People's Republic of Korea Information Technology Workers"
	// (2022-05-16): red flags include logins to one account from several
	// countries in a short time, several developer accounts logged in from
	// one IP, payment in virtual currency, frequent changes of payment
	// accounts and accounts in other people's names, remote desktop
	// software, and inability to work during the claimed business hours.
	citeAdvisory2022 = "FBI/State/Treasury DPRK IT worker advisory (2022-05-16)"
	// FBI PSA 2023-10-18, "Additional Guidance on the Democratic People's
	// Republic of Korea Information Technology Worker Scheme": unwillingness
	// to appear on camera, requests to ship equipment to another address,
	// payment in virtual currency.
	citePSA2023 = "FBI PSA 2023-10-18"
	// FBI PSA 2024-05-16, "North Korea Leverages U.S.-Based Individuals to
	// Defraud U.S. Businesses and Generate Revenue": U.S. facilitators
	// receive and host company laptops (laptop farms) and let the workers
	// reach them remotely.
	citePSA2024 = "FBI PSA 2024-05-16"
	// FBI PSA 2025-01-23, "North Korean IT Workers Conducting Data
	// Extortion": recommends watching for remote-desktop and VPN use, and
	// for AI and face-swapping in video interviews.
	citePSA2025 = "FBI PSA 2025-01-23"
	// Mandiant, "Staying a Step Ahead: Mitigating the DPRK IT Worker
	// Threat" (UNC5267, 2024-09-23): Astrill VPN, IP-KVM devices and remote
	// administration tools on laptops at farms, VoIP numbers, work hours
	// at odds with the claimed location, refusal of video.
	citeMandiant = "Mandiant UNC5267 (2024)"
	// Microsoft Threat Intelligence, "Jasper Sleet: North Korean remote IT
	// workers' evolving tactics to infiltrate organizations" (2025-06-30):
	// AI-altered photos and voice-changing software, VPNs and remote
	// management tools, facilitators who receive laptops and payments.
	citeJasperSleet = "Microsoft Threat Intelligence, Jasper Sleet (2025-06-30)"
	// U.S. v. Christina Chapman (D.D.C., indictment unsealed 2024-05-16):
	// one Arizona residence received and hosted laptops for many
	// "employees", with remote access installed, and pay was routed through
	// her accounts.
	citeChapman = "DOJ, US v. Chapman (2024)"
	// DOJ, "Justice Department Announces Coordinated, Nationwide Actions to
	// Combat North Korean Remote Information Technology Workers' Illicit
	// Revenue Generation Schemes" (2025-06-30): facilitators hosted laptops
	// and connected hardware keyboard-video-mouse (KVM) switches so that
	// workers abroad could control them.
	citeDOJ2025 = "DOJ, nationwide DPRK IT worker actions (2025-06-30)"
	// Security Alliance (SEAL), "DPRK IT Workers" framework: hiring
	// indicators including freshly created profiles with back-filled
	// activity and working hours that do not match the claimed time zone.
	citeSEAL = "Security Alliance, DPRK IT worker framework"
	// Amazon's chief security officer, reported by Bloomberg (2025-12):
	// a worker on a U.S. laptop was found because keystrokes took over
	// 110 ms to arrive, as when the laptop is driven from abroad.
	citeAmazon = "Amazon CSO S. Schmidt via Bloomberg (2025-12)"
)
