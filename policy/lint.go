package policy

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"unicode"

	"cel.dev/cel-go/common/ast"
	"cel.dev/cel-go/common/types"
)

// sanctionsCode is the signal of an exact sanctions identity match: the one
// place where nationality or citizenship may be read (to confirm that the
// listed identity is this person), never as a risk factor.
const sanctionsCode = "watchlist.identifier_match"

// codePattern recognises a string literal that names a signal code or a
// stage prefix ("network.anonymizer", "endpoint.").
var codePattern = regexp.MustCompile(`^[a-z][a-z0-9_]*\.(?:[a-z0-9_]+)?$`)

// ruleFacts is what the linter learns from walking a rule's syntax tree.
type ruleFacts struct {
	patterns  []string // signal codes and prefixes the rule names
	vars      varSet
	protected []protectedRead
	countries []string // country fields compared with a constant
}

// protectedRead is a field, key or string constant of a rule that names a
// protected attribute.
type protectedRead struct {
	key, category string
}

// inspect walks a parsed (not yet checked) rule expression: field
// selections, index keys and string constants, and the variables read.
func inspect(e ast.Expr) ruleFacts {
	var f ruleFacts
	noteKey := func(key string) {
		if cat, ok := protectedCategory(key); ok {
			f.protected = append(f.protected, protectedRead{key, cat})
		}
	}
	ast.PreOrderVisit(e, ast.NewExprVisitor(func(x ast.Expr) {
		switch x.Kind() {
		case ast.IdentKind:
			switch x.AsIdent() {
			case varSignals:
				f.vars.signals = true
			case varRing:
				f.vars.ring = true
			case varRecord:
				f.vars.record = true
			case varEvents:
				f.vars.events = true
			}
		case ast.SelectKind:
			noteKey(x.AsSelect().FieldName())
		case ast.LiteralKind:
			s, ok := stringLiteral(x)
			if !ok {
				return
			}
			noteKey(s)
			if codePattern.MatchString(s) && !slices.Contains(f.patterns, s) {
				f.patterns = append(f.patterns, s)
			}
		case ast.CallKind:
			c := x.AsCall()
			switch c.FunctionName() {
			case fnRingSize:
				f.vars.ring = true
			case "_==_", "_!=_", "@in":
				args := c.Args()
				if len(args) == 2 {
					for i, a := range args {
						if isCountryField(a) && isStringConstant(args[1-i]) {
							f.countries = append(f.countries, describeField(a))
						}
					}
				}
			}
		}
	}))
	return f
}

// findings turns the facts into lint messages.
func (f ruleFacts) findings(ruleID string) []string {
	var out []string
	sanctions := slices.Contains(f.patterns, sanctionsCode)
	seen := map[string]bool{}
	for _, p := range f.protected {
		if sanctions && p.category == catNationality {
			continue
		}
		if seen[p.key] {
			continue
		}
		seen[p.key] = true
		msg := fmt.Sprintf("reads %q, a protected attribute (%s)", p.key, p.category)
		if p.category == catNationality {
			msg += "; nationality and citizenship may be read only in a rule that requires an exact sanctions identity match (" + sanctionsCode + ")"
		}
		out = append(out, msg)
	}
	if !sanctions {
		for _, c := range f.countries {
			out = append(out, fmt.Sprintf("compares %s with a constant: a country may be scored only as consistency between what is claimed and what is observed, never as origin", c))
		}
	}
	codes := SignalCodes()
	for _, p := range f.patterns {
		stage, rest, _ := strings.Cut(p, ".")
		if rest == "" || !slices.Contains(knownStages, stage) {
			continue
		}
		if !slices.Contains(codes, p) {
			out = append(out, fmt.Sprintf("signal code %q is not in the catalogue of stage %q", p, stage))
		}
	}
	return out
}

func stringLiteral(x ast.Expr) (string, bool) {
	if x.Kind() != ast.LiteralKind {
		return "", false
	}
	s, ok := x.AsLiteral().(types.String)
	return string(s), ok
}

// isStringConstant reports whether x is a string literal or a list of them.
func isStringConstant(x ast.Expr) bool {
	if _, ok := stringLiteral(x); ok {
		return true
	}
	if x.Kind() != ast.ListKind {
		return false
	}
	elems := x.AsList().Elements()
	for _, el := range elems {
		if _, ok := stringLiteral(el); !ok {
			return false
		}
	}
	return len(elems) > 0
}

// isCountryField reports whether x selects a field or key named country.
func isCountryField(x ast.Expr) bool {
	switch x.Kind() {
	case ast.SelectKind:
		return strings.EqualFold(x.AsSelect().FieldName(), "country")
	case ast.CallKind:
		c := x.AsCall()
		if c.FunctionName() == "_[_]" && len(c.Args()) == 2 {
			s, ok := stringLiteral(c.Args()[1])
			return ok && strings.EqualFold(s, "country")
		}
	}
	return false
}

// describeField renders a selection path such as record.claimed.country.
func describeField(x ast.Expr) string {
	switch x.Kind() {
	case ast.IdentKind:
		return x.AsIdent()
	case ast.SelectKind:
		s := x.AsSelect()
		return describeField(s.Operand()) + "." + s.FieldName()
	case ast.CallKind:
		c := x.AsCall()
		if c.FunctionName() == "_[_]" && len(c.Args()) == 2 {
			k, _ := stringLiteral(c.Args()[1])
			return describeField(c.Args()[0]) + "." + k
		}
	}
	return "a value"
}

// Categories of protected attributes.
const (
	catNationality = "nationality or citizenship"
	catOrigin      = "national origin"
	catRace        = "race or ethnicity"
	catReligion    = "religion"
	catSex         = "sex or gender"
	catAge         = "age or birth date"
	catName        = "name or name origin"
	catAppearance  = "appearance"
	catOther       = "a protected characteristic"
)

// protectedTokens maps a word of a field name to the protected attribute it
// names. A field name is split into words at non-letters and at camelCase
// humps: "applicant_Ethnicity" and "applicantEthnicity" both hold "ethnicity".
var protectedTokens = map[string]string{
	"nationality": catNationality, "nationalities": catNationality,
	"citizenship": catNationality, "citizenships": catNationality,
	"citizen": catNationality, "citizens": catNationality,
	"origin": catOrigin, "origins": catOrigin, "birthplace": catOrigin,
	"accent":    catOrigin,
	"ethnicity": catRace, "ethnicities": catRace, "ethnic": catRace,
	"race": catRace, "races": catRace, "racial": catRace,
	"religion": catReligion, "religions": catReligion, "religious": catReligion,
	"faith": catReligion,
	"sex":   catSex, "gender": catSex, "genders": catSex, "pronoun": catSex, "pronouns": catSex,
	"age": catAge, "ages": catAge, "dob": catAge, "birth": catAge, "birthdate": catAge,
	"birthday": catAge, "birthyear": catAge, "born": catAge,
	"surname": catName, "surnames": catName,
	"appearance": catAppearance, "complexion": catAppearance, "skin": catAppearance,
	"hair":       catAppearance,
	"disability": catOther, "disabled": catOther, "pregnancy": catOther, "pregnant": catOther,
	"marital": catOther, "caste": catOther, "tribe": catOther, "political": catOther,
	"veteran": catOther,
}

// protectedKeys maps a whole field name, lower-cased with separators
// removed, to the protected attribute it names. These words are protected
// only as a whole key: "name" is, but "watchlist.name_match" is not.
var protectedKeys = map[string]string{
	"name": catName, "names": catName, "fullname": catName, "givenname": catName,
	"familyname": catName, "firstname": catName, "lastname": catName,
	"middlename": catName, "given": catName, "family": catName, "middle": catName,
	"alias": catName, "aliases": catName,
	"photo": catAppearance, "photos": catAppearance, "phash": catAppearance,
	"selfie": catAppearance, "image": catAppearance, "picture": catAppearance,
	"avatar":   catAppearance,
	"language": catOrigin, "languages": catOrigin,
}

// protectedSubstrings catch compound keys written without separators
// ("dateofbirth", "applicantnationality").
var protectedSubstrings = []struct{ sub, cat string }{
	{"nationality", catNationality}, {"citizenship", catNationality},
	{"nationalorigin", catOrigin}, {"countryofbirth", catOrigin}, {"countryoforigin", catOrigin},
	{"placeofbirth", catOrigin}, {"birthplace", catOrigin}, {"nativelanguage", catOrigin},
	{"mothertongue", catOrigin}, {"firstlanguage", catOrigin},
	{"ethnicity", catRace}, {"religion", catReligion}, {"sexualorientation", catSex},
	{"dateofbirth", catAge}, {"birthdate", catAge}, {"birthyear", catAge}, {"yearofbirth", catAge},
	{"nameorigin", catName}, {"surname", catName}, {"skincolo", catAppearance},
}

// protectedCategory reports whether a field name or string key names a
// protected attribute, and which.
func protectedCategory(key string) (string, bool) {
	words := splitWords(key)
	if len(words) == 0 {
		return "", false
	}
	joined := strings.Join(words, "")
	if c, ok := protectedKeys[joined]; ok {
		return c, true
	}
	for _, s := range protectedSubstrings {
		if strings.Contains(joined, s.sub) {
			return s.cat, true
		}
	}
	for _, w := range words {
		if c, ok := protectedTokens[w]; ok {
			return c, true
		}
	}
	return "", false
}

// splitWords splits a key into lower-case words at every non-letter,
// non-digit and at lower-to-upper case changes.
func splitWords(key string) []string {
	var words []string
	var cur []rune
	flush := func() {
		if len(cur) > 0 {
			words = append(words, strings.ToLower(string(cur)))
			cur = cur[:0]
		}
	}
	var prev rune
	for _, r := range key {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			if unicode.IsUpper(r) && (unicode.IsLower(prev) || unicode.IsDigit(prev)) {
				flush()
			}
			cur = append(cur, r)
		default:
			flush()
		}
		prev = r
	}
	flush()
	return words
}
