package synth

import (
	"math/rand/v2"
	"strings"
)

// role is a kind of engineering job with the sentences résumés for it are
// built from. Placeholders: {tech} {tech2} {n} {pct} {k} {co} {domain}.
type role struct {
	title   []string
	tech    []string
	bullets []string
}

var roles = []role{
	{
		title: []string{"Backend Engineer", "Senior Backend Developer", "Software Engineer (Backend)", "Go Developer", "Java Developer"},
		tech:  []string{"Go", "Java", "Kotlin", "Python", "Node.js", "PostgreSQL", "Kafka", "Redis", "gRPC", "Spring Boot", "MySQL", "RabbitMQ"},
		bullets: []string{
			"Designed and built a {tech} service handling {k} requests per second for the {domain} platform.",
			"Reduced p95 latency of the {domain} API by {pct}% by moving hot paths to {tech2} and adding caching.",
			"Migrated a monolithic {tech2} application to {tech} microservices with zero downtime.",
			"Owned the billing pipeline at {co}, processing {n} million transactions a month.",
			"Introduced contract tests and raised integration test coverage from {n}% to {pct}%.",
			"Led a team of {n} engineers delivering the {domain} data model redesign.",
			"Implemented event sourcing on {tech2} for order history, cutting reconciliation work by {pct}%.",
			"Built internal tooling in {tech} that automated {n} manual release steps.",
			"Mentored junior developers and ran weekly code reviews on the {domain} team.",
			"Tuned {tech2} queries and indexes, lowering database CPU by {pct}%.",
			"Wrote the on-call runbooks and cut mean time to recovery from hours to {n} minutes.",
			"Integrated third-party payment and identity providers for {co}.",
		},
	},
	{
		title: []string{"Frontend Engineer", "Senior React Developer", "UI Engineer", "Frontend Developer"},
		tech:  []string{"React", "TypeScript", "Vue.js", "Angular", "Next.js", "GraphQL", "Redux", "Tailwind CSS", "Webpack", "Svelte"},
		bullets: []string{
			"Built real-time dashboards in {tech} serving {k} daily users at {co}.",
			"Rebuilt the {domain} checkout flow in {tech}, raising conversion by {pct}%.",
			"Created a shared component library in {tech2} used by {n} product teams.",
			"Cut bundle size by {pct}% with code splitting and lazy loading.",
			"Improved accessibility of the {domain} app to WCAG 2.1 AA.",
			"Introduced end-to-end tests with Playwright covering {n} critical journeys.",
			"Worked with designers to ship a new onboarding experience for {domain} customers.",
			"Migrated a legacy jQuery front end to {tech} over {n} months.",
			"Added offline support and background sync to the {domain} web app.",
			"Set up visual regression testing and Storybook for the design system.",
		},
	},
	{
		title: []string{"Full-Stack Engineer", "Senior Full-Stack Developer", "Software Engineer", "Full Stack Web Developer"},
		tech:  []string{"React", "Node.js", "TypeScript", "Python", "Django", "Ruby on Rails", "PostgreSQL", "AWS", "Docker", "GraphQL", "Laravel", "PHP"},
		bullets: []string{
			"Shipped the {domain} marketplace end to end with {tech} and {tech2}.",
			"Led the migration of a monolithic {tech2} application to {tech} services.",
			"Built real-time dashboards in {tech} serving {k} daily users.",
			"Designed REST and GraphQL APIs consumed by web and mobile clients at {co}.",
			"Automated deployments with GitHub Actions and Terraform, releasing {n} times a day.",
			"Reduced page load time by {pct}% through server-side rendering and caching.",
			"Implemented role-based access control for {n} enterprise customers.",
			"Built a reporting module in {tech} that replaced {n} spreadsheets.",
			"Collaborated with product managers to scope and deliver quarterly roadmaps.",
			"Integrated Stripe billing and usage metering for the {domain} product.",
			"Maintained legacy {tech2} code while incrementally moving features to {tech}.",
		},
	},
	{
		title: []string{"Mobile Engineer", "iOS Developer", "Android Developer", "React Native Developer", "Flutter Developer"},
		tech:  []string{"Swift", "Kotlin", "React Native", "Flutter", "SwiftUI", "Jetpack Compose", "Firebase", "Objective-C", "Dart"},
		bullets: []string{
			"Built and launched the {domain} app in {tech}, reaching {k} monthly active users.",
			"Raised the crash-free session rate to 99.{n}% by fixing memory and threading issues.",
			"Rewrote the {domain} app's networking layer with {tech2}.",
			"Implemented push notifications and deep links that lifted retention by {pct}%.",
			"Set up CI builds and automated store releases with Fastlane.",
			"Added biometric login and secure storage for {co} customers.",
			"Optimised app start time by {pct}% on low-end Android devices.",
			"Shared business logic between iOS and Android using {tech}.",
			"Worked with the design team on an accessible, localised UI in {n} languages.",
		},
	},
	{
		title: []string{"Data Engineer", "Senior Data Engineer", "Analytics Engineer", "Big Data Developer"},
		tech:  []string{"Python", "Spark", "Airflow", "dbt", "Snowflake", "BigQuery", "Kafka", "SQL", "Scala", "Databricks", "Redshift"},
		bullets: []string{
			"Built batch and streaming pipelines in {tech} ingesting {n} TB a day.",
			"Designed the {domain} warehouse model in {tech2}, used by {n} analysts.",
			"Cut pipeline costs by {pct}% by partitioning and incremental loads.",
			"Introduced data quality checks that caught {n} production incidents early.",
			"Migrated on-premise Hadoop jobs to {tech} on the cloud.",
			"Built a feature store for the {domain} machine-learning models.",
			"Automated GDPR deletion requests across {n} data stores at {co}.",
			"Worked with finance to deliver daily revenue reporting in {tech2}.",
			"Orchestrated {n} DAGs in Airflow with alerting and retries.",
		},
	},
	{
		title: []string{"DevOps Engineer", "Site Reliability Engineer", "Cloud Engineer", "Platform Engineer"},
		tech:  []string{"Kubernetes", "Terraform", "AWS", "GCP", "Azure", "Prometheus", "Ansible", "Docker", "Helm", "Linux", "ArgoCD"},
		bullets: []string{
			"Ran {n} {tech} clusters hosting the {domain} workloads at {co}.",
			"Wrote {tech2} modules provisioning all environments from code.",
			"Cut cloud spend by {pct}% with rightsizing and spot instances.",
			"Built the observability stack with Prometheus, Grafana and Loki.",
			"Defined SLOs and error budgets for {n} services.",
			"Led incident response and blameless post-mortems for the platform team.",
			"Moved CI from Jenkins to GitHub Actions, cutting build time by {pct}%.",
			"Hardened Linux hosts to CIS benchmarks and automated patching.",
			"Implemented zero-downtime blue-green deployments with {tech}.",
		},
	},
	{
		title: []string{"QA Automation Engineer", "Software Engineer in Test", "QA Engineer"},
		tech:  []string{"Selenium", "Cypress", "Playwright", "Python", "Java", "Postman", "JMeter", "Appium", "pytest"},
		bullets: []string{
			"Built a test automation framework in {tech} covering {n} regression cases.",
			"Reduced release testing time from days to {n} hours.",
			"Introduced performance testing with {tech2} before each release.",
			"Worked with developers to shift testing left in the {domain} team.",
			"Automated API tests for {n} endpoints at {co}.",
			"Tracked defects and release quality metrics for product leadership.",
			"Set up device farms for mobile testing with {tech}.",
		},
	},
	{
		title: []string{"Machine Learning Engineer", "Data Scientist", "AI Engineer"},
		tech:  []string{"Python", "PyTorch", "TensorFlow", "scikit-learn", "LLMs", "MLflow", "Pandas", "SQL", "Hugging Face"},
		bullets: []string{
			"Trained and deployed {tech} models for {domain} recommendations.",
			"Improved fraud model recall by {pct}% with new features and {tech2}.",
			"Built an LLM-based assistant for {co}'s support team.",
			"Served models behind low-latency APIs handling {k} requests a minute.",
			"Ran A/B tests and causal analyses for pricing and retention.",
			"Set up model monitoring and retraining with {tech2}.",
			"Cleaned and labelled {n}k examples for the {domain} classifier.",
		},
	},
}

var (
	domains = []string{"e-commerce", "fintech", "healthcare", "logistics", "travel booking", "insurance",
		"real-estate", "edtech", "media streaming", "HR software", "SaaS analytics", "food delivery",
		"ad-tech", "gaming", "crypto exchange", "telecom", "retail banking", "supply-chain"}
	companies = []string{"Northwind Traders", "Contoso", "Fabrikam", "Globex", "Initech", "Umbrella Analytics",
		"Hooli", "Vandelay Industries", "Wayne Logistics", "Tyrell Systems", "Cyberdyne Labs", "Soylent Health",
		"Massive Dynamic", "Acme Corp", "Stark Digital", "Wonka Retail", "Oscorp Finance", "Pied Piper",
		"Blue Sun Media", "Gringotts Payments", "Aperture Software", "Black Mesa Data", "Dunder Mifflin",
		"Prestige Worldwide", "Monarch Travel", "Nakatomi Trading", "Duff Group", "Sterling Cooper"}
	degrees = []string{"B.Sc. Computer Science", "B.Eng. Software Engineering", "M.Sc. Computer Science",
		"B.Tech Information Technology", "B.S. Mathematics", "M.Eng. Electrical Engineering",
		"B.A. Economics", "B.Sc. Physics", "Coding bootcamp certificate"}
	summaries = []string{
		"{title} with {y} years of experience building reliable products.",
		"{title} with {y}+ years in {domain} and a focus on clean, tested code.",
		"Results-driven {title} with {y} years of hands-on experience.",
		"{title}. {y} years shipping software for startups and enterprises.",
		"Pragmatic {title} with {y} years of experience across the stack, comfortable owning features end to end.",
		"{title} who enjoys hard problems; {y} years of professional experience, remote since {ry}.",
	}
)

// resumeDoc is a résumé in parts, so that an operator's template can be
// re-used with light edits across personas.
type resumeDoc struct {
	role      int
	title     string
	years     int
	summary   string
	domain    string
	bullets   []string // rendered sentences
	employers []string
	skills    []string
	degree    string
	remote    int
}

// expand replaces each {key} in s with val(key).
func expand(s string, val func(key string) string) string {
	if strings.IndexByte(s, '{') < 0 {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 32)
	for {
		i := strings.IndexByte(s, '{')
		if i < 0 {
			b.WriteString(s)
			return b.String()
		}
		j := strings.IndexByte(s[i:], '}')
		if j < 0 {
			b.WriteString(s)
			return b.String()
		}
		b.WriteString(s[:i])
		b.WriteString(val(s[i+1 : i+j]))
		s = s[i+j+1:]
	}
}

func fill(r *rand.Rand, s string, ro role, domain string) string {
	return expand(s, func(key string) string {
		switch key {
		case "tech", "tech2":
			return pick(r, ro.tech)
		case "n":
			return itoa(between(r, 3, 60))
		case "pct":
			return itoa(between(r, 15, 85))
		case "k":
			return itoa(between(r, 2, 900)) + pick(r, []string{"k", "k", "0", " thousand"})
		case "co":
			return pick(r, companies)
		case "domain":
			return domain
		}
		return key
	})
}

func newResume(r *rand.Rand) resumeDoc {
	ri := r.IntN(len(roles))
	ro := roles[ri]
	d := resumeDoc{role: ri, title: pick(r, ro.title), years: between(r, 2, 18), domain: pick(r, domains),
		remote: between(r, 2016, 2024), degree: pick(r, degrees)}
	d.summary = pick(r, summaries)
	nb := between(r, 4, 8)
	perm := r.Perm(len(ro.bullets))
	for i := 0; i < nb && i < len(perm); i++ {
		d.bullets = append(d.bullets, fill(r, ro.bullets[perm[i]], ro, d.domain))
	}
	ne := between(r, 1, 4)
	for i := 0; i < ne; i++ {
		d.employers = append(d.employers, pick(r, companies))
	}
	ns := between(r, 5, 10)
	tp := r.Perm(len(ro.tech))
	for i := 0; i < ns && i < len(tp); i++ {
		d.skills = append(d.skills, ro.tech[tp[i]])
	}
	return d
}

// edit returns a light edit of d, as an operator re-uses a template for
// another persona: years and numbers changed, a sentence or two swapped or
// dropped, an employer renamed.
func (d resumeDoc) edit(r *rand.Rand) resumeDoc {
	ro := roles[d.role]
	e := d
	e.bullets = append([]string(nil), d.bullets...)
	e.employers = append([]string(nil), d.employers...)
	e.skills = append([]string(nil), d.skills...)
	e.years = d.years + between(r, -2, 2)
	if e.years < 2 {
		e.years = 2
	}
	if chance(r, 0.2) {
		e.title = pick(r, ro.title)
	}
	for n := between(r, 0, 1); n > 0 && len(e.bullets) > 3; n-- {
		i := r.IntN(len(e.bullets))
		if chance(r, 0.5) {
			e.bullets = append(e.bullets[:i], e.bullets[i+1:]...)
		} else {
			e.bullets[i] = fill(r, pick(r, ro.bullets), ro, e.domain)
		}
	}
	if chance(r, 0.25) && len(e.employers) > 0 {
		e.employers[r.IntN(len(e.employers))] = pick(r, companies)
	}
	if chance(r, 0.3) && len(e.skills) > 1 {
		i := r.IntN(len(e.skills))
		e.skills[i] = pick(r, ro.tech)
	}
	return e
}

// render writes the résumé text for a person named name.
func (d resumeDoc) render(r *rand.Rand, name string) string {
	var b strings.Builder
	b.Grow(1200)
	b.WriteString(name)
	b.WriteString("\n")
	b.WriteString(expand(d.summary, func(key string) string {
		switch key {
		case "title":
			return d.title
		case "y":
			return itoa(d.years)
		case "domain":
			return d.domain
		case "ry":
			return itoa(d.remote)
		}
		return key
	}))
	b.WriteString("\n\nExperience\n")
	for i, bl := range d.bullets {
		if i < len(d.employers) && (i == 0 || i%2 == 0) {
			b.WriteString(d.employers[i/2%len(d.employers)])
			b.WriteString(" — ")
			b.WriteString(d.title)
			b.WriteString("\n")
		}
		b.WriteString("- ")
		b.WriteString(bl)
		b.WriteString("\n")
	}
	b.WriteString("\nSkills: ")
	b.WriteString(strings.Join(d.skills, ", "))
	b.WriteString("\nEducation: ")
	b.WriteString(d.degree)
	b.WriteString("\n")
	return b.String()
}
