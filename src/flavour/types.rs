//! The generator's Go type system as templates see it, per flavour: struct types with their fields
//! (Go name, Go type, YAML key, `omitempty`) in declaration order, named string types, and the
//! methods declared on them with their receiver kind. The facts are those of GENERATOR-API.md
//! (Appendix A), written here as the deltas each epoch made; `detect` reads the same shape out of a
//! repository's `generator/app.go` to recognise its flavour.

use std::collections::BTreeMap;

use super::{Flavour, Fork};

/// One struct field: Go name, Go type (as Go spells it, package-local names unqualified), YAML key
/// (`-` for never-read fields) and `omitempty`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FieldDecl {
    pub name: String,
    pub ty: String,
    pub key: String,
    pub omitempty: bool,
}

/// A method a template could reach: receiver type, name, pointer receiver, parameter count and
/// result count.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct MethodDecl {
    pub recv: String,
    pub name: String,
    pub ptr: bool,
    pub params: usize,
    pub results: usize,
}

/// A declared type: a struct (fields) or a named string type (`fields` is `None`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TypeDecl {
    pub name: String,
    pub fields: Option<Vec<FieldDecl>>,
}

/// The whole type tree of a flavour.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TypeTree {
    pub types: Vec<TypeDecl>,
    pub methods: Vec<MethodDecl>,
}

impl TypeTree {
    pub fn get(&self, name: &str) -> Option<&TypeDecl> {
        self.types.iter().find(|t| t.name == name)
    }

    pub fn fields(&self, name: &str) -> &[FieldDecl] {
        self.get(name)
            .and_then(|t| t.fields.as_deref())
            .unwrap_or(&[])
    }

    /// The field of struct `ty` read from YAML key `key`.
    pub fn field_by_key(&self, ty: &str, key: &str) -> Option<&FieldDecl> {
        self.fields(ty).iter().find(|f| f.key == key)
    }

    pub fn has_field(&self, ty: &str, name: &str) -> bool {
        self.fields(ty).iter().any(|f| f.name == name)
    }

    /// The fields as lines (`Person.GitHub string github,omitempty`), for recognition and notices.
    pub fn describe(&self) -> BTreeMap<String, String> {
        let mut out = BTreeMap::new();
        for t in &self.types {
            match &t.fields {
                None => {
                    out.insert(
                        format!("type {}", t.name),
                        format!("type {} string", t.name),
                    );
                }
                Some(fields) => {
                    for (i, f) in fields.iter().enumerate() {
                        let oe = if f.omitempty { ",omitempty" } else { "" };
                        out.insert(
                            format!("field {}.{}", t.name, f.name),
                            format!("{}.{} {} `{}{oe}` (#{i})", t.name, f.name, f.ty, f.key),
                        );
                    }
                }
            }
        }
        for m in &self.methods {
            let star = if m.ptr { "*" } else { "" };
            out.insert(
                format!("method {}.{}", m.recv, m.name),
                format!(
                    "func ({star}{}) {} ({} parameter(s), {} result(s))",
                    m.recv, m.name, m.params, m.results
                ),
            );
        }
        out
    }
}

fn f(name: &str, ty: &str, key: &str, omitempty: bool) -> FieldDecl {
    FieldDecl {
        name: name.into(),
        ty: ty.into(),
        key: key.into(),
        omitempty,
    }
}

fn m(recv: &str, name: &str, ptr: bool, params: usize, results: usize) -> MethodDecl {
    MethodDecl {
        recv: recv.into(),
        name: name.into(),
        ptr,
        params,
        results,
    }
}

fn st(name: &str, fields: Vec<FieldDecl>) -> TypeDecl {
    TypeDecl {
        name: name.into(),
        fields: Some(fields),
    }
}

fn named(name: &str) -> TypeDecl {
    TypeDecl {
        name: name.into(),
        fields: None,
    }
}

/// The type tree of a flavour (kubernetes epochs K17 to K35 and the forks built on them).
pub fn tree(flavour: &Flavour) -> TypeTree {
    let e = flavour.epoch;
    let v3 = e >= 20;
    let o = |b: bool| v3 && b;
    let mut types = Vec::new();
    let mut methods = Vec::new();
    if v3 {
        types.push(named("FoldedString"));
        methods.push(m("FoldedString", "MarshalYAML", false, 0, 2));
    }
    let person = if v3 {
        let mut p = vec![
            f("GitHub", "string", "github", false),
            f("Name", "string", "name", false),
            f("Company", "string", "company", flavour.company_omitempty()),
        ];
        if e >= 33 {
            p.push(f("Email", "string", "email", true));
        }
        p
    } else {
        vec![
            f("Name", "string", "name", false),
            f("Company", "string", "company", false),
            f("GitHub", "string", "github", false),
        ]
    };
    types.push(st("Person", person));
    let mut meeting = vec![
        f("Description", "string", "description", false),
        f("Day", "string", "day", false),
        f("Time", "string", "time", false),
        f("TZ", "string", "tz", false),
        f("Frequency", "string", "frequency", false),
        f("URL", "string", "url", o(true)),
        f("ArchiveURL", "string", "archive_url", o(true)),
        f("RecordingsURL", "string", "recordings_url", o(true)),
    ];
    if e >= 32 {
        meeting.push(f("CalendarURL", "string", "calendar_url", true));
    }
    types.push(st("Meeting", meeting));
    let team = if v3 { "GithubTeam" } else { "GithubTeams" };
    let mut contact = Vec::new();
    if flavour.fork == Fork::BuiltIn {
        contact.push(f("Slack", "string", "slack", true));
    }
    if matches!(flavour.fork, Fork::Icon | Fork::BuiltIn) {
        types.push(st(
            "Discord",
            vec![
                f("Name", "string", "name", false),
                f("URL", "string", "url", false),
            ],
        ));
        contact.push(f("Discord", "Discord", "discord", true));
    } else if flavour.fork != Fork::BuiltIn {
        contact.push(f("Slack", "string", "slack", o(true)));
    }
    contact.push(f("MailingList", "string", "mailing_list", o(true)));
    if e >= 18 {
        contact.push(f(
            "PrivateMailingList",
            "string",
            "private_mailing_list",
            o(true),
        ));
    }
    contact.push(f("GithubTeams", &format!("[]{team}"), "teams", o(true)));
    if e >= 23 {
        contact.push(f("Liaison", "Person", "liaison", true));
    }
    types.push(st("Contact", contact));
    types.push(st(
        team,
        vec![
            f("Name", "string", "name", false),
            f("Description", "string", "description", o(true)),
        ],
    ));
    let mut sub = vec![
        f("Name", "string", "name", false),
        f("Description", "string", "description", o(true)),
    ];
    if e >= 19 {
        sub.push(f("Contact", "*Contact", "contact", o(true)));
    }
    sub.push(f("Owners", "[]string", "owners", false));
    if e >= 30 {
        sub.push(f("Leads", "[]Person", "leads", true));
    }
    sub.push(f("Meetings", "[]Meeting", "meetings", o(true)));
    types.push(st("Subproject", sub));
    types.push(st(
        "LeadershipGroup",
        vec![
            f("Chairs", "[]Person", "chairs", false),
            f("TechnicalLeads", "[]Person", "tech_leads", o(true)),
            f("EmeritusLeads", "[]Person", "emeritus_leads", o(true)),
        ],
    ));
    if e >= 21 {
        methods.push(m("LeadershipGroup", "PrefixToPersonMap", true, 0, 1));
    }
    if e >= 22 {
        methods.push(m("LeadershipGroup", "Owners", true, 0, 1));
    }
    let stakeholder = if e >= 26 { "[]SIGName" } else { "[]string" };
    let group = if v3 {
        let mut g = vec![f("Dir", "string", "dir", false)];
        if e >= 25 {
            g.push(f("Prefix", "string", "prefix", true));
        }
        g.push(f("Name", "string", "name", false));
        g.push(f(
            "MissionStatement",
            "FoldedString",
            "mission_statement",
            true,
        ));
        g.push(f("CharterLink", "string", "charter_link", true));
        if e >= 26 {
            g.push(f("ReportingWGs", "[]WGName", "-", false));
        }
        g.push(f("StakeholderSIGs", stakeholder, "stakeholder_sigs", true));
        g.push(f("Label", "string", "label", false));
        g.push(f("Leadership", "LeadershipGroup", "leadership", false));
        g.push(f("Meetings", "[]Meeting", "meetings", false));
        g.push(f("Contact", "Contact", "contact", false));
        g.push(f("Subprojects", "[]Subproject", "subprojects", true));
        if e >= 27 {
            g.push(f("KEPs", "map[string][]api.Proposal", "keps", true));
        }
        g
    } else {
        vec![
            f("Name", "string", "name", false),
            f("Dir", "string", "dir", false),
            f("MissionStatement", "string", "mission_statement", e >= 14),
            f("CharterLink", "string", "charter_link", e >= 14),
            f("Label", "string", "label", false),
            f("Leadership", "LeadershipGroup", "leadership", false),
            f("Meetings", "[]Meeting", "meetings", false),
            f("Contact", "Contact", "contact", false),
            f("Subprojects", "[]Subproject", "subprojects", false),
            f("StakeholderSIGs", "[]string", "stakeholder_sigs", true),
        ]
    };
    types.push(st("Group", group));
    methods.push(m("Group", "DirName", true, 1, 1));
    if v3 {
        methods.push(m("Group", "LabelName", true, 1, 1));
    }
    if e >= 26 {
        types.push(named("WGName"));
        types.push(named("SIGName"));
        methods.push(m("WGName", "DirName", false, 0, 1));
        methods.push(m("SIGName", "DirName", false, 0, 1));
    }
    let mut ctx = vec![
        f("Sigs", "[]Group", "sigs", false),
        f("WorkingGroups", "[]Group", "workinggroups", false),
    ];
    if e >= 17 {
        ctx.push(f("UserGroups", "[]Group", "usergroups", false));
    }
    if e >= 18 {
        ctx.push(f("Committees", "[]Group", "committees", false));
    }
    if e >= 34 {
        ctx.push(f("GBRep", "Person", "gb_rep", true));
    }
    types.push(st("Context", ctx));
    if v3 {
        methods.push(m("Context", "PrefixToGroupMap", true, 0, 1));
        methods.push(m("Context", "Sort", true, 0, 0));
        methods.push(m("Context", "Validate", true, 0, 1));
    }
    if e >= 26 {
        methods.push(m("Context", "Complete", true, 0, 0));
    }
    if e >= 27 {
        types.push(st(
            "Releases",
            vec![
                f("Latest", "string", "latest", false),
                f("LatestMinusOne", "string", "latestminusone", false),
                f("LatestMinusTwo", "string", "latestminustwo", false),
            ],
        ));
    }
    methods.sort();
    TypeTree { types, methods }
}
