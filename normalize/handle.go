package normalize

import (
	"net/url"
	"strings"
)

// siteHosts maps the host names of profile URLs to site names.
var siteHosts = map[string]string{
	"github.com": "github", "gitlab.com": "gitlab", "linkedin.com": "linkedin",
	"twitter.com": "x", "x.com": "x", "t.me": "telegram", "telegram.me": "telegram",
	"stackoverflow.com": "stackoverflow", "upwork.com": "upwork",
	"facebook.com": "facebook", "instagram.com": "instagram",
	"bitbucket.org": "bitbucket", "medium.com": "medium", "dev.to": "devto",
	"freelancer.com": "freelancer", "fiverr.com": "fiverr", "behance.net": "behance",
	"dribbble.com": "dribbble", "kaggle.com": "kaggle", "huggingface.co": "huggingface",
	"leetcode.com": "leetcode", "discord.com": "discord", "skype.com": "skype",
	"toptal.com": "toptal",
}

// Site returns the canonical name of a profile site given as a name
// ("GitHub", "Twitter") or host ("www.linkedin.com").
func Site(s string) string {
	s = strings.ToLower(strings.TrimSpace(s))
	s = strings.TrimPrefix(s, "www.")
	if v, ok := siteHosts[s]; ok {
		return v
	}
	if s == "twitter" {
		return "x"
	}
	return s
}

// profilePathPrefixes are the path words before the handle in a site's
// profile URLs ("linkedin.com/in/NAME", "upwork.com/freelancers/~ID").
var profilePathPrefixes = map[string]bool{
	"in": true, "pub": true, "u": true, "user": true, "users": true, "profile": true,
	"freelancers": true, "fl": true, "people": true, "company": true, "s": false,
}

// Handle returns a canonical profile handle for a site: "@DMoore-Dev" gives
// "dmoore-dev", and a profile URL such as https://github.com/dmoore-dev or
// https://www.linkedin.com/in/dmoore-dev/?trk=x gives "dmoore-dev". Handles
// are lower-cased: the sites people list on applications (GitHub, GitLab,
// LinkedIn, X, Telegram) match handles without regard to case. It is ""
// when nothing is left.
func Handle(site, handleOrURL string) string {
	h := strings.TrimSpace(handleOrURL)
	if h == "" {
		return ""
	}
	lh := strings.ToLower(h)
	isURL := strings.Contains(lh, "://") || strings.HasPrefix(lh, "www.")
	if !isURL {
		if i := strings.IndexByte(lh, '/'); i > 0 {
			if _, ok := siteHosts[strings.TrimPrefix(lh[:i], "www.")]; ok {
				isURL = true
			}
		}
	}
	if isURL {
		if !strings.Contains(lh, "://") {
			h = "https://" + h
		}
		u, err := url.Parse(h)
		if err != nil {
			return ""
		}
		h = ""
		parts := strings.Split(strings.Trim(u.Path, "/"), "/")
		for i := 0; i < len(parts); i++ {
			p := parts[i]
			if p == "" || (profilePathPrefixes[strings.ToLower(p)] && i+1 < len(parts)) {
				continue
			}
			h = p
			// stackoverflow.com/users/123/name: the id is the handle.
			break
		}
		if h == "" && u.Fragment != "" {
			h = u.Fragment
		}
	}
	h = strings.TrimLeft(h, "@~")
	h = strings.TrimSpace(h)
	if i := strings.IndexAny(h, "?#"); i >= 0 {
		h = h[:i]
	}
	h = strings.ToLower(strings.TrimRight(h, "/"))
	for i := 0; i < len(h); i++ {
		if h[i] <= ' ' {
			return ""
		}
	}
	return h
}
