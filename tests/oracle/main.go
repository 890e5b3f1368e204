// The Go oracle for sigs-lint's template engine: it renders templates with Go's own text/template,
// against a sigs.yaml decoded into structs that mirror the community generators' data model (same
// field names, derivations, sorting and functions), or against generic YAML data.
//
//	oracle render SIGS_YAML TEMPLATE [HEADER]   render one template file (named by its base name)
//	oracle groups SIGS_YAML KIND TEMPLATE [HEADER]
//	                                             render it for each group of KIND (sigs, workinggroups,
//	                                             usergroups, committees), each output after "=== DIR"
//	oracle cases CASES_FILE                      run every case of a cases file, one JSON line each
//
// Built offline in GOPATH mode with Debian's golang-go and golang-gopkg-yaml.v3-dev.
package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"text/template"
	"time"

	"gopkg.in/yaml.v3"
)

// The data model of sigs-lint's built-in flavour: kubernetes/community's generator types at K35
// (value and pointer receivers as there), plus ICON's Contact.Discord beside Slack.
type Person struct {
	GitHub  string `yaml:"github"`
	Name    string `yaml:"name"`
	Company string `yaml:"company,omitempty"`
	Email   string `yaml:"email,omitempty"`
}

type Meeting struct {
	Description   string `yaml:"description"`
	Day           string `yaml:"day"`
	Time          string `yaml:"time"`
	TZ            string `yaml:"tz"`
	Frequency     string `yaml:"frequency"`
	URL           string `yaml:"url,omitempty"`
	ArchiveURL    string `yaml:"archive_url,omitempty"`
	RecordingsURL string `yaml:"recordings_url,omitempty"`
	CalendarURL   string `yaml:"calendar_url,omitempty"`
}

type Discord struct {
	Name string `yaml:"name"`
	URL  string `yaml:"url"`
}

type GithubTeam struct {
	Name        string `yaml:"name"`
	Description string `yaml:"description,omitempty"`
}

type Contact struct {
	Slack              string       `yaml:"slack,omitempty"`
	Discord            Discord      `yaml:"discord,omitempty"`
	MailingList        string       `yaml:"mailing_list,omitempty"`
	PrivateMailingList string       `yaml:"private_mailing_list,omitempty"`
	GithubTeams        []GithubTeam `yaml:"teams,omitempty"`
	Liaison            Person       `yaml:"liaison,omitempty"`
}

type Subproject struct {
	Name        string    `yaml:"name"`
	Description string    `yaml:"description,omitempty"`
	Contact     *Contact  `yaml:"contact,omitempty"`
	Owners      []string  `yaml:"owners"`
	Leads       []Person  `yaml:"leads,omitempty"`
	Meetings    []Meeting `yaml:"meetings,omitempty"`
}

type LeadershipGroup struct {
	Chairs         []Person `yaml:"chairs"`
	TechnicalLeads []Person `yaml:"tech_leads,omitempty"`
	EmeritusLeads  []Person `yaml:"emeritus_leads,omitempty"`
}

func (g *LeadershipGroup) PrefixToPersonMap() map[string][]Person {
	return map[string][]Person{"chair": g.Chairs, "tech_lead": g.TechnicalLeads, "emeritus_lead": g.EmeritusLeads}
}

func (g *LeadershipGroup) Owners() []Person {
	o := append(append([]Person{}, g.Chairs...), g.TechnicalLeads...)
	sort.SliceStable(o, func(i, j int) bool { return o[i].GitHub < o[j].GitHub })
	for i := 0; i < len(o)-1; i++ {
		if o[i].GitHub == o[i+1].GitHub {
			o = append(o[:i], o[i+1:]...)
			i--
		}
	}
	return o
}

type FoldedString string

func dirName(prefix, name string) string {
	return prefix + "-" + strings.ToLower(strings.ReplaceAll(name, " ", "-"))
}

type WGName string

func (n WGName) DirName() string { return dirName("wg", string(n)) }

type SIGName string

func (n SIGName) DirName() string { return dirName("sig", string(n)) }

type Proposal struct {
	Name string
}

type Group struct {
	Dir              string                `yaml:"dir"`
	Prefix           string                `yaml:"prefix,omitempty"`
	Name             string                `yaml:"name"`
	MissionStatement FoldedString          `yaml:"mission_statement,omitempty"`
	CharterLink      string                `yaml:"charter_link,omitempty"`
	ReportingWGs     []WGName              `yaml:"-"`
	StakeholderSIGs  []SIGName             `yaml:"stakeholder_sigs,omitempty"`
	Label            string                `yaml:"label"`
	Leadership       LeadershipGroup       `yaml:"leadership"`
	Meetings         []Meeting             `yaml:"meetings"`
	Contact          Contact               `yaml:"contact"`
	Subprojects      []Subproject          `yaml:"subprojects,omitempty"`
	KEPs             map[string][]Proposal `yaml:"keps,omitempty"`
}

func (g *Group) DirName(prefix string) string { return dirName(prefix, g.Name) }

func (g *Group) LabelName(prefix string) string {
	return strings.Replace(g.DirName(prefix), prefix+"-", "", 1)
}

type Context struct {
	Sigs          []Group `yaml:"sigs"`
	WorkingGroups []Group `yaml:"workinggroups"`
	UserGroups    []Group `yaml:"usergroups"`
	Committees    []Group `yaml:"committees"`
	GBRep         Person  `yaml:"gb_rep,omitempty"`
}

func (c *Context) PrefixToGroupMap() map[string][]Group {
	return map[string][]Group{"sig": c.Sigs, "wg": c.WorkingGroups, "ug": c.UserGroups, "committee": c.Committees}
}

func byLogin(p []Person) {
	sort.SliceStable(p, func(i, j int) bool { return p[i].GitHub < p[j].GitHub })
}

func (c *Context) complete() {
	reporting := map[SIGName][]WGName{}
	for _, wg := range c.WorkingGroups {
		for _, s := range wg.StakeholderSIGs {
			reporting[s] = append(reporting[s], WGName(wg.Name))
		}
	}
	for i := range c.Sigs {
		c.Sigs[i].ReportingWGs = reporting[SIGName(c.Sigs[i].Name)]
	}
	for _, groups := range [][]Group{c.Sigs, c.WorkingGroups, c.UserGroups, c.Committees} {
		sort.SliceStable(groups, func(i, j int) bool { return groups[i].Dir < groups[j].Dir })
		for i := range groups {
			g := &groups[i]
			byLogin(g.Leadership.Chairs)
			byLogin(g.Leadership.TechnicalLeads)
			byLogin(g.Leadership.EmeritusLeads)
			sort.SliceStable(g.Meetings, func(i, j int) bool { return g.Meetings[i].Description < g.Meetings[j].Description })
			sort.SliceStable(g.Contact.GithubTeams, func(i, j int) bool { return g.Contact.GithubTeams[i].Name < g.Contact.GithubTeams[j].Name })
			sort.SliceStable(g.Subprojects, func(i, j int) bool { return g.Subprojects[i].Name < g.Subprojects[j].Name })
			for k := range g.Subprojects {
				sp := &g.Subprojects[k]
				sort.Strings(sp.Owners)
				byLogin(sp.Leads)
				sort.SliceStable(sp.Meetings, func(i, j int) bool { return sp.Meetings[i].Description < sp.Meetings[j].Description })
				if sp.Contact != nil {
					sort.SliceStable(sp.Contact.GithubTeams, func(i, j int) bool { return sp.Contact.GithubTeams[i].Name < sp.Contact.GithubTeams[j].Name })
				}
			}
			sort.SliceStable(g.StakeholderSIGs, func(i, j int) bool { return g.StakeholderSIGs[i] < g.StakeholderSIGs[j] })
			sort.SliceStable(g.ReportingWGs, func(i, j int) bool { return g.ReportingWGs[i] < g.ReportingWGs[j] })
		}
	}
}

var reRaw = regexp.MustCompile("https://raw.githubusercontent.com/(?P<org>[^/]+)/(?P<repo>[^/]+)/(?P<branch>[^/]+)/(?P<path>.*)")
var reGitHub = regexp.MustCompile("https://github.com/(?P<org>[^/]+)/(?P<repo>[^/]+)/(blob|tree)/(?P<branch>[^/]+)/(?P<path>.*)")

func group(re *regexp.Regexp, m []string, name string) string {
	return m[re.SubexpIndex(name)]
}

// githubURL and orgRepoPath as GENERATOR-API.md section 5 states them.
func githubURL(u string) string {
	m := reRaw.FindStringSubmatch(u)
	if m == nil {
		return u
	}
	return "https://github.com/" + group(reRaw, m, "org") + "/" + group(reRaw, m, "repo") + "/blob/" + group(reRaw, m, "branch") + "/" + group(reRaw, m, "path")
}

func orgRepoPath(u string) string {
	for _, re := range []*regexp.Regexp{reRaw, reGitHub} {
		if m := re.FindStringSubmatch(u); m != nil {
			return group(re, m, "org") + "/" + group(re, m, "repo") + "/" + group(re, m, "path")
		}
	}
	return u
}

var funcMap = template.FuncMap{
	"tzUrlEncode": func(s string) string { return strings.ReplaceAll(url.QueryEscape(s), "+", "%20") },
	"trimSpace":   strings.TrimSpace,
	"trimSuffix":  strings.TrimSuffix,
	"toUpper":     strings.ToUpper,
	"githubURL":   githubURL,
	"orgRepoPath": orgRepoPath,
	"now":         time.Now,
	"lastYear":    func() string { return time.Now().AddDate(-1, 0, 0).Format("2006") },
}

func loadSigs(text []byte) (*Context, error) {
	var c Context
	dec := yaml.NewDecoder(bytes.NewReader(text))
	dec.KnownFields(true)
	if err := dec.Decode(&c); err != nil && err.Error() != "EOF" {
		return nil, err
	}
	c.complete()
	return &c, nil
}

func render(args []string) {
	text, err := os.ReadFile(args[0])
	check(err, 2)
	ctx, err := loadSigs(text)
	check(err, 2)
	t := template.New(filepath.Base(args[1])).Funcs(funcMap)
	t, err = t.ParseFiles(args[1:]...)
	check(err, 3)
	var out bytes.Buffer
	err = t.Execute(&out, *ctx)
	os.Stdout.Write(out.Bytes())
	check(err, 4)
}

// groups renders a README template once per group, passing the group by value as the generator does.
func groups(args []string) {
	text, err := os.ReadFile(args[0])
	check(err, 2)
	ctx, err := loadSigs(text)
	check(err, 2)
	var list []Group
	switch args[1] {
	case "sigs":
		list = ctx.Sigs
	case "workinggroups":
		list = ctx.WorkingGroups
	case "usergroups":
		list = ctx.UserGroups
	case "committees":
		list = ctx.Committees
	default:
		check(fmt.Errorf("unknown kind %q", args[1]), 2)
	}
	t := template.New(filepath.Base(args[2])).Funcs(funcMap)
	t, err = t.ParseFiles(args[2:]...)
	check(err, 3)
	for _, g := range list {
		var out bytes.Buffer
		err := t.Execute(&out, g)
		fmt.Printf("=== %s\n%s", g.Dir, out.String())
		if err != nil {
			fmt.Printf("\n!!! exec: %s\n", err)
		}
	}
}

func check(err error, code int) {
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(code)
	}
}

type result struct {
	Name      string `json:"name"`
	Output    string `json:"output"`
	ErrorKind string `json:"error_kind"`
	Error     string `json:"error"`
}

// A cases file: "=== name" starts a case; "--- data" (generic YAML), "--- sigs" (a sigs.yaml),
// "--- template", "--- output" and "--- error" start sections; a section's text is its lines
// joined with "\n".
type testCase struct {
	name     string
	sections map[string]string
	order    []string
}

func parseCases(text string) []testCase {
	var cases []testCase
	var cur *testCase
	var section string
	var lines []string
	flush := func() {
		if cur != nil && section != "" {
			cur.sections[section] = strings.Join(lines, "\n")
		}
		lines = nil
	}
	for _, line := range strings.Split(strings.TrimSuffix(text, "\n"), "\n") {
		switch {
		case strings.HasPrefix(line, "=== "):
			flush()
			if cur != nil {
				cases = append(cases, *cur)
			}
			cur = &testCase{name: strings.TrimPrefix(line, "=== "), sections: map[string]string{}}
			section = ""
		case strings.HasPrefix(line, "--- ") && cur != nil:
			flush()
			section = strings.TrimPrefix(line, "--- ")
		default:
			lines = append(lines, line)
		}
	}
	flush()
	if cur != nil {
		cases = append(cases, *cur)
	}
	return cases
}

// resolve replaces a section that says "@name" by the same section of the case "@name".
func resolve(c testCase, all []testCase) testCase {
	for sec, text := range c.sections {
		if strings.HasPrefix(text, "@") {
			for _, o := range all {
				if o.name == text {
					c.sections[sec] = o.sections[sec]
				}
			}
		}
	}
	return c
}

func runCase(c testCase) (res result) {
	res.Name = c.name
	defer func() {
		if r := recover(); r != nil {
			res.ErrorKind = "panic"
			res.Error = fmt.Sprint(r)
		}
	}()
	var data interface{}
	if s, ok := c.sections["sigs"]; ok {
		ctx, err := loadSigs([]byte(s))
		if err != nil {
			res.ErrorKind, res.Error = "data", err.Error()
			return
		}
		data = *ctx
	} else if s, ok := c.sections["data"]; ok {
		if err := yaml.Unmarshal([]byte(s), &data); err != nil {
			res.ErrorKind, res.Error = "data", err.Error()
			return
		}
	}
	t, err := template.New(c.name).Funcs(funcMap).Parse(c.sections["template"])
	if err != nil {
		res.ErrorKind, res.Error = "parse", err.Error()
		return
	}
	var out bytes.Buffer
	err = t.Execute(&out, data)
	res.Output = out.String()
	if err != nil {
		res.ErrorKind, res.Error = "exec", err.Error()
	}
	return
}

func cases(path string) {
	text, err := os.ReadFile(path)
	check(err, 2)
	enc := json.NewEncoder(os.Stdout)
	all := parseCases(string(text))
	for _, c := range all {
		if strings.HasPrefix(c.name, "@") {
			continue
		}
		check(enc.Encode(runCase(resolve(c, all))), 2)
	}
}

func main() {
	if len(os.Args) < 3 {
		fmt.Fprintln(os.Stderr, "usage: oracle render SIGS TEMPLATE [HEADER] | oracle cases FILE")
		os.Exit(2)
	}
	switch os.Args[1] {
	case "render":
		render(os.Args[2:])
	case "cases":
		cases(os.Args[2])
	case "groups":
		groups(os.Args[2:])
	default:
		fmt.Fprintln(os.Stderr, "unknown mode", os.Args[1])
		os.Exit(2)
	}
}
