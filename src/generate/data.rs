//! The generator's view of sigs.yaml: the same derivations and sorting as the community Go generator
//! (ReportingWGs, groups by dir, people by GitHub login, …), then the data exposed to templates with
//! the Go structs' names: `Context`, `Group`, `LeadershipGroup` (method `Owners`), `Person`,
//! `Meeting`, `Contact`, `Discord`, `GithubTeam`, `Subproject` (its `Contact` a pointer) and `WGName`
//! (method `DirName`). Absent fields are Go zero values.

use std::collections::BTreeMap;
use std::rc::Rc;

use crate::model::{self, GroupKind, SigsYaml, Str};
use crate::template::value::{Method, NamedType, Struct, StructType, Value};

pub static CONTEXT: StructType = StructType {
    name: "main.Context",
    fields: &["Sigs", "WorkingGroups", "UserGroups", "Committees"],
    methods: &[],
};

pub static GROUP: StructType = StructType {
    name: "main.Group",
    fields: &[
        "Dir",
        "Name",
        "MissionStatement",
        "CharterLink",
        "StakeholderSIGs",
        "ReportingWGs",
        "Label",
        "Leadership",
        "Meetings",
        "Contact",
        "Subprojects",
    ],
    methods: &[],
};

pub static LEADERSHIP: StructType = StructType {
    name: "main.LeadershipGroup",
    fields: &["Chairs", "TechnicalLeads", "EmeritusLeads"],
    methods: &[Method {
        name: "Owners",
        args: 0,
        call: owners,
    }],
};

pub static PERSON: StructType = StructType {
    name: "main.Person",
    fields: &["GitHub", "Name", "Company", "Email"],
    methods: &[],
};

pub static MEETING: StructType = StructType {
    name: "main.Meeting",
    fields: &[
        "Description",
        "Day",
        "Time",
        "TZ",
        "Frequency",
        "URL",
        "ArchiveURL",
        "RecordingsURL",
        "CalendarURL",
    ],
    methods: &[],
};

pub static CONTACT: StructType = StructType {
    name: "main.Contact",
    fields: &[
        "Slack",
        "Discord",
        "MailingList",
        "PrivateMailingList",
        "GithubTeams",
        "Liaison",
    ],
    methods: &[],
};

pub static DISCORD: StructType = StructType {
    name: "main.Discord",
    fields: &["Name", "URL"],
    methods: &[],
};

pub static TEAM: StructType = StructType {
    name: "main.GithubTeam",
    fields: &["Name", "Description"],
    methods: &[],
};

pub static SUBPROJECT: StructType = StructType {
    name: "main.Subproject",
    fields: &[
        "Name",
        "Description",
        "Contact",
        "Owners",
        "Leads",
        "Meetings",
    ],
    methods: &[],
};

pub static WG_NAME: NamedType = NamedType {
    name: "main.WGName",
    methods: &[Method {
        name: "DirName",
        args: 0,
        call: wg_dir_name,
    }],
};

/// `wg-` + the name lowercased with spaces turned to `-`.
fn wg_dir_name(recv: &Value, _: &[Value]) -> Result<Value, String> {
    let name = recv.as_str().unwrap_or("");
    Ok(Value::str(&format!(
        "wg-{}",
        name.to_lowercase().replace(' ', "-")
    )))
}

/// Chairs and tech leads, sorted by GitHub login, adjacent duplicates (same login) removed.
fn owners(recv: &Value, _: &[Value]) -> Result<Value, String> {
    let Value::Struct(s) = recv else {
        return Err("Owners on a non-struct".into());
    };
    let mut all: Vec<Value> = Vec::new();
    for field in ["Chairs", "TechnicalLeads"] {
        if let Some(Value::List(l, _)) = s.field(field) {
            all.extend(l.iter().cloned());
        }
    }
    let login = |v: &Value| match v {
        Value::Struct(p) => p
            .field("GitHub")
            .and_then(|g| g.as_str())
            .unwrap_or("")
            .to_string(),
        _ => String::new(),
    };
    all.sort_by_key(|a| login(a));
    all.dedup_by(|b, a| login(a) == login(b));
    Ok(Value::List(Rc::new(all), "[]main.Person"))
}

fn text(s: &Option<Str>) -> Value {
    Value::str(s.as_ref().map_or("", |s| s.value.as_str()))
}

fn list(items: Vec<Value>, ty: &'static str) -> Value {
    Value::List(Rc::new(items), ty)
}

fn strukt(ty: &'static StructType, fields: Vec<Value>) -> Value {
    Value::Struct(Rc::new(Struct { ty, fields }))
}

fn person(p: &model::Person) -> Value {
    strukt(
        &PERSON,
        vec![
            text(&p.github),
            text(&p.name),
            text(&p.company),
            text(&p.email),
        ],
    )
}

fn people(list_: &[model::Person]) -> Value {
    list(list_.iter().map(person).collect(), "[]main.Person")
}

fn meeting(m: &model::Meeting) -> Value {
    strukt(
        &MEETING,
        vec![
            text(&m.description),
            text(&m.day),
            text(&m.time),
            text(&m.tz),
            text(&m.frequency),
            text(&m.url),
            text(&m.archive_url),
            text(&m.recordings_url),
            text(&m.calendar_url),
        ],
    )
}

fn meetings(ms: &[model::Meeting]) -> Value {
    list(ms.iter().map(meeting).collect(), "[]main.Meeting")
}

fn contact_struct(c: Option<&model::Contact>) -> Rc<Struct> {
    let empty = model::Contact::default();
    let c = c.unwrap_or(&empty);
    let discord = c.discord.clone().unwrap_or_default();
    Rc::new(Struct {
        ty: &CONTACT,
        fields: vec![
            text(&c.slack),
            strukt(&DISCORD, vec![text(&discord.name), text(&discord.url)]),
            text(&c.mailing_list),
            text(&c.private_mailing_list),
            list(
                c.teams
                    .iter()
                    .map(|t| strukt(&TEAM, vec![text(&t.name), text(&t.description)]))
                    .collect(),
                "[]main.GithubTeam",
            ),
            person(&c.liaison.clone().unwrap_or_default()),
        ],
    })
}

fn strings(list_: &[Str]) -> Value {
    list(
        list_.iter().map(|s| Value::str(&s.value)).collect(),
        "[]string",
    )
}

fn group(g: &model::Group, reporting: &[String]) -> Value {
    let l = g.leadership.clone().unwrap_or_default();
    let subprojects = g
        .subprojects
        .iter()
        .map(|sp| {
            strukt(
                &SUBPROJECT,
                vec![
                    text(&sp.name),
                    text(&sp.description),
                    Value::Ptr(
                        &CONTACT,
                        sp.contact.as_ref().map(|c| contact_struct(Some(c))),
                    ),
                    strings(&sp.owners),
                    people(&sp.leads),
                    meetings(&sp.meetings),
                ],
            )
        })
        .collect();
    strukt(
        &GROUP,
        vec![
            text(&g.dir),
            text(&g.name),
            text(&g.mission_statement),
            text(&g.charter_link),
            strings(&g.stakeholder_sigs),
            list(
                reporting
                    .iter()
                    .map(|w| Value::Named(&WG_NAME, Rc::from(w.as_str())))
                    .collect(),
                "[]main.WGName",
            ),
            text(&g.label),
            strukt(
                &LEADERSHIP,
                vec![
                    people(&l.chairs),
                    people(&l.tech_leads),
                    people(&l.emeritus_leads),
                ],
            ),
            meetings(&g.meetings),
            Value::Struct(contact_struct(g.contact.as_ref())),
            list(subprojects, "[]main.Subproject"),
        ],
    )
}

fn by<T>(items: &mut [T], key: impl Fn(&T) -> &str) {
    items.sort_by(|a, b| key(a).as_bytes().cmp(key(b).as_bytes()));
}

fn opt(s: &Option<Str>) -> &str {
    s.as_ref().map_or("", |s| s.value.as_str())
}

/// The generator's sorting, applied to a copy of the model (byte-wise, stable).
pub fn sorted(model: &SigsYaml) -> SigsYaml {
    let mut m = model.clone();
    for kind in GroupKind::ALL {
        let groups = m.groups_of_mut(kind);
        by(groups, |g| opt(&g.dir));
        for g in groups.iter_mut() {
            if let Some(l) = &mut g.leadership {
                by(&mut l.chairs, |p| opt(&p.github));
                by(&mut l.tech_leads, |p| opt(&p.github));
                by(&mut l.emeritus_leads, |p| opt(&p.github));
            }
            by(&mut g.meetings, |x| opt(&x.description));
            if let Some(c) = &mut g.contact {
                by(&mut c.teams, |t| opt(&t.name));
            }
            by(&mut g.subprojects, |s| opt(&s.name));
            for sp in g.subprojects.iter_mut() {
                by(&mut sp.owners, |o| o.value.as_str());
                by(&mut sp.leads, |p| opt(&p.github));
                by(&mut sp.meetings, |x| opt(&x.description));
                if let Some(c) = &mut sp.contact {
                    by(&mut c.teams, |t| opt(&t.name));
                }
            }
            by(&mut g.stakeholder_sigs, |s| s.value.as_str());
        }
    }
    m
}

/// Each SIG's reporting working groups: the WGs naming it in `stakeholder_sigs`, sorted.
pub fn reporting_wgs(model: &SigsYaml) -> BTreeMap<String, Vec<String>> {
    let mut out: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for wg in model.workinggroups.iter() {
        for s in wg.stakeholder_sigs.iter() {
            out.entry(s.value.clone())
                .or_default()
                .push(opt(&wg.name).to_string());
        }
    }
    for v in out.values_mut() {
        v.sort();
    }
    out
}

/// The template data (`Context`) for a model: derived fields, sorted as the generator sorts.
pub fn context(model: &SigsYaml) -> Value {
    let m = sorted(model);
    let reporting = reporting_wgs(&m);
    let groups = |kind: GroupKind| {
        let items = m
            .groups_of(kind)
            .iter()
            .map(|g| {
                let r = match kind {
                    GroupKind::Sig => reporting
                        .get(opt(&g.name))
                        .map(Vec::as_slice)
                        .unwrap_or(&[]),
                    _ => &[],
                };
                group(g, r)
            })
            .collect();
        list(items, "[]main.Group")
    };
    strukt(
        &CONTEXT,
        vec![
            groups(GroupKind::Sig),
            groups(GroupKind::WorkingGroup),
            groups(GroupKind::UserGroup),
            groups(GroupKind::Committee),
        ],
    )
}
