package intel

// builtinDisposableCitation cites the seed of disposable mail services.
const builtinDisposableCitation = "ringer built-in seed of well-known disposable mail services, each " +
	"listed in disposable-email-domains/disposable-email-domains (CC0); import the full list for more"

// builtinDisposableDomains are well-known throw-away mailbox services.
// Every one is in the disposable-email-domains blocklist (checked by
// TestBuiltinDisposableInUpstream when the list is available).
var builtinDisposableDomains = []string{
	"10minutemail.com", "20minutemail.com", "anonbox.net",
	"discard.email", "dispostable.com", "emailondeck.com", "fakeinbox.com", "getairmail.com",
	"getnada.com", "grr.la", "guerrillamail.biz", "guerrillamail.com", "guerrillamail.de",
	"guerrillamail.info", "guerrillamail.net", "guerrillamail.org", "guerrillamailblock.com",
	"harakirimail.com", "incognitomail.org", "mailcatch.com", "maildrop.cc",
	"mailinator.com", "mailinator.net", "mailnesia.com", "mailpoof.com", "mintemail.com",
	"mohmal.com", "moakt.com", "mytemp.email", "pokemail.net", "sharklasers.com",
	"spam4.me", "tempail.com",
	"tempr.email", "throwawaymail.com", "trashmail.com", "trashmail.de", "trashmail.net",
	"yopmail.com", "yopmail.fr", "yopmail.net", "temp-mail.org", "emailfake.com", "trash-mail.com",
	"tempinbox.com", "jetable.org", "tempmailo.com", "1secmail.com", "dropmail.me",
}

// builtinFreeCitation cites the seed of free mail providers.
const builtinFreeCitation = "ringer built-in seed of large free consumer mail providers (the providers' own sign-up pages); context only, never an indicator"

// builtinFreeDomains are large free consumer mail providers worldwide.
var builtinFreeDomains = []string{
	"gmail.com", "googlemail.com",
	"outlook.com", "hotmail.com", "live.com", "msn.com", "hotmail.co.uk", "outlook.fr", "hotmail.fr",
	"yahoo.com", "ymail.com", "yahoo.co.uk", "yahoo.co.jp", "yahoo.fr", "yahoo.de", "rocketmail.com",
	"aol.com", "icloud.com", "me.com", "mac.com",
	"proton.me", "protonmail.com", "pm.me", "tutanota.com", "tuta.io", "tutamail.com",
	"gmx.com", "gmx.net", "gmx.de", "web.de", "mail.com", "zoho.com", "zohomail.com", "fastmail.com", "yandex.com", "yandex.ru",
	"mail.ru", "bk.ru", "inbox.ru", "list.ru", "rambler.ru", "ukr.net",
	"qq.com", "foxmail.com", "163.com", "126.com", "yeah.net", "sina.com", "sohu.com", "aliyun.com", "139.com",
	"naver.com", "daum.net", "hanmail.net", "kakao.com",
	"rediffmail.com", "libero.it", "laposte.net", "orange.fr", "free.fr", "seznam.cz", "wp.pl", "o2.pl", "interia.pl",
	"t-online.de", "btinternet.com", "comcast.net", "att.net", "verizon.net", "sbcglobal.net",
}
