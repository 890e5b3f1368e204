//! The typed sigs.yaml model. Every scalar is a [`Str`] that knows its byte span; groups, persons and the
//! other records carry the span of their whole mapping so a diagnostic can point at them as a whole.
//! Lists keep the order in which they are written. A field that is absent or null is `None`.

mod de;
pub mod json_schema;
mod load;
pub mod schema;
pub mod tree;

pub use de::{List, with_source};
pub use load::{Loaded, did_you_mean, load, load_file, validate, yaml_error};

/// The bounds of "did you mean" suggestions.
pub mod load_limits {
    pub use super::load::{SUGGEST_MAX_CANDIDATES, SUGGEST_MAX_LEN};
}

use serde::Deserialize;

use crate::source::Span;

/// A string value with the byte span of its source text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Str {
    pub value: String,
    pub span: Span,
}

impl Str {
    pub fn as_str(&self) -> &str {
        &self.value
    }
}

/// `Some` and non-empty after trimming.
pub fn present(s: &Option<Str>) -> Option<&Str> {
    s.as_ref().filter(|s| !s.value.trim().is_empty())
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum GroupKind {
    #[default]
    Sig,
    WorkingGroup,
    UserGroup,
    Committee,
}

impl GroupKind {
    pub const ALL: [GroupKind; 4] = [
        GroupKind::Sig,
        GroupKind::WorkingGroup,
        GroupKind::UserGroup,
        GroupKind::Committee,
    ];

    /// The directory prefix the upstream generator uses.
    pub fn prefix(self) -> &'static str {
        match self {
            GroupKind::Sig => "sig",
            GroupKind::WorkingGroup => "wg",
            GroupKind::UserGroup => "ug",
            GroupKind::Committee => "committee",
        }
    }

    /// The top-level key of the list that holds this kind.
    pub fn key(self) -> &'static str {
        match self {
            GroupKind::Sig => "sigs",
            GroupKind::WorkingGroup => "workinggroups",
            GroupKind::UserGroup => "usergroups",
            GroupKind::Committee => "committees",
        }
    }

    pub fn from_key(key: &str) -> Option<GroupKind> {
        GroupKind::ALL.into_iter().find(|k| k.key() == key)
    }

    /// How a group of this kind is named in messages.
    pub fn noun(self) -> &'static str {
        match self {
            GroupKind::Sig => "SIG",
            GroupKind::WorkingGroup => "working group",
            GroupKind::UserGroup => "user group",
            GroupKind::Committee => "committee",
        }
    }
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SigsYaml {
    #[serde(default)]
    pub sigs: List<Group>,
    #[serde(default)]
    pub workinggroups: List<Group>,
    #[serde(default)]
    pub usergroups: List<Group>,
    #[serde(default)]
    pub committees: List<Group>,
    #[serde(default, deserialize_with = "de::record")]
    pub gb_rep: Option<Person>,
}

impl SigsYaml {
    pub fn groups_of(&self, kind: GroupKind) -> &[Group] {
        match kind {
            GroupKind::Sig => &self.sigs,
            GroupKind::WorkingGroup => &self.workinggroups,
            GroupKind::UserGroup => &self.usergroups,
            GroupKind::Committee => &self.committees,
        }
    }

    pub fn groups_of_mut(&mut self, kind: GroupKind) -> &mut List<Group> {
        match kind {
            GroupKind::Sig => &mut self.sigs,
            GroupKind::WorkingGroup => &mut self.workinggroups,
            GroupKind::UserGroup => &mut self.usergroups,
            GroupKind::Committee => &mut self.committees,
        }
    }

    /// Every group, kinds in the order sigs, workinggroups, usergroups, committees.
    pub fn groups(&self) -> impl Iterator<Item = &Group> {
        GroupKind::ALL
            .into_iter()
            .flat_map(move |k| self.groups_of(k).iter())
    }

    /// Every person entry with the role it appears in, in document order per group.
    pub fn persons(&self) -> Vec<PersonRef<'_>> {
        let mut out = Vec::new();
        for g in self.groups() {
            if let Some(l) = &g.leadership {
                for (role, list) in [
                    (Role::Chair, &l.chairs),
                    (Role::TechLead, &l.tech_leads),
                    (Role::EmeritusLead, &l.emeritus_leads),
                ] {
                    out.extend(list.iter().map(|p| PersonRef {
                        person: p,
                        role,
                        group: Some(g),
                    }));
                }
            }
            if let Some(liaison) = g.contact.as_ref().and_then(|c| c.liaison.as_ref()) {
                out.push(PersonRef {
                    person: liaison,
                    role: Role::Liaison,
                    group: Some(g),
                });
            }
            for sp in &g.subprojects {
                out.extend(sp.leads.iter().map(|p| PersonRef {
                    person: p,
                    role: Role::SubprojectLead,
                    group: Some(g),
                }));
                if let Some(liaison) = sp.contact.as_ref().and_then(|c| c.liaison.as_ref()) {
                    out.push(PersonRef {
                        person: liaison,
                        role: Role::Liaison,
                        group: Some(g),
                    });
                }
            }
        }
        if let Some(p) = &self.gb_rep {
            out.push(PersonRef {
                person: p,
                role: Role::GbRep,
                group: None,
            });
        }
        out
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Role {
    Chair,
    TechLead,
    EmeritusLead,
    SubprojectLead,
    Liaison,
    GbRep,
}

impl Role {
    pub fn name(self) -> &'static str {
        match self {
            Role::Chair => "chair",
            Role::TechLead => "tech lead",
            Role::EmeritusLead => "emeritus lead",
            Role::SubprojectLead => "subproject lead",
            Role::Liaison => "liaison",
            Role::GbRep => "gb_rep",
        }
    }
}

#[derive(Clone, Copy, Debug)]
pub struct PersonRef<'a> {
    pub person: &'a Person,
    pub role: Role,
    pub group: Option<&'a Group>,
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Group {
    /// Which list the group is in (set after the parse).
    #[serde(skip)]
    pub kind: GroupKind,
    /// The whole mapping.
    #[serde(skip)]
    pub span: Span,
    pub dir: Option<Str>,
    pub name: Option<Str>,
    pub mission_statement: Option<Str>,
    pub charter_link: Option<Str>,
    #[serde(default)]
    pub stakeholder_sigs: List<Str>,
    pub label: Option<Str>,
    #[serde(default, deserialize_with = "de::record")]
    pub leadership: Option<Leadership>,
    #[serde(default)]
    pub meetings: List<Meeting>,
    #[serde(default, deserialize_with = "de::record")]
    pub contact: Option<Contact>,
    #[serde(default)]
    pub subprojects: List<Subproject>,
}

impl Group {
    /// The span to point at for the group as a whole: its `name`, else its `dir`, else its mapping.
    pub fn anchor(&self) -> Span {
        self.name
            .as_ref()
            .or(self.dir.as_ref())
            .map_or(self.span, |s| s.span)
    }

    /// A name for messages: `SIG "Docs"`.
    pub fn title(&self) -> String {
        match (&self.name, &self.dir) {
            (Some(n), _) => format!("{} \"{}\"", self.kind.noun(), n.value),
            (None, Some(d)) => format!("{} {}", self.kind.noun(), d.value),
            (None, None) => format!("a {} without a name", self.kind.noun()),
        }
    }
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Leadership {
    #[serde(skip)]
    pub span: Span,
    #[serde(default)]
    pub chairs: List<Person>,
    #[serde(default)]
    pub tech_leads: List<Person>,
    #[serde(default)]
    pub emeritus_leads: List<Person>,
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Person {
    #[serde(skip)]
    pub span: Span,
    pub github: Option<Str>,
    pub name: Option<Str>,
    pub company: Option<Str>,
    pub email: Option<Str>,
}

impl Person {
    /// The span to point at for the person as a whole: the `github` value, else `name`, else the
    /// whole mapping.
    pub fn anchor(&self) -> Span {
        self.github
            .as_ref()
            .or(self.name.as_ref())
            .map_or(self.span, |s| s.span)
    }
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Meeting {
    #[serde(skip)]
    pub span: Span,
    pub description: Option<Str>,
    pub day: Option<Str>,
    pub time: Option<Str>,
    pub tz: Option<Str>,
    pub frequency: Option<Str>,
    pub url: Option<Str>,
    pub archive_url: Option<Str>,
    pub recordings_url: Option<Str>,
    pub calendar_url: Option<Str>,
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Contact {
    #[serde(skip)]
    pub span: Span,
    pub slack: Option<Str>,
    #[serde(default, deserialize_with = "de::record")]
    pub discord: Option<Discord>,
    pub mailing_list: Option<Str>,
    pub private_mailing_list: Option<Str>,
    #[serde(default)]
    pub teams: List<Team>,
    #[serde(default, deserialize_with = "de::record")]
    pub liaison: Option<Person>,
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Discord {
    #[serde(skip)]
    pub span: Span,
    pub name: Option<Str>,
    pub url: Option<Str>,
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Team {
    #[serde(skip)]
    pub span: Span,
    pub name: Option<Str>,
    pub description: Option<Str>,
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Subproject {
    #[serde(skip)]
    pub span: Span,
    pub name: Option<Str>,
    pub description: Option<Str>,
    #[serde(default, deserialize_with = "de::record")]
    pub contact: Option<Contact>,
    #[serde(default)]
    pub owners: List<Str>,
    #[serde(default)]
    pub leads: List<Person>,
    #[serde(default)]
    pub meetings: List<Meeting>,
}

impl Subproject {
    pub fn anchor(&self) -> Span {
        self.name.as_ref().map_or(self.span, |s| s.span)
    }
}

/// Records learn where they start while parsing and are list elements.
macro_rules! located {
    ($($ty:ty),*) => {$(
        impl de::Located for $ty {
            fn set_start(&mut self, at: Span) {
                self.span = at;
            }
        }
        impl<'de> de::Element<'de> for $ty {
            fn element<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                de::located(d)
            }
        }
    )*};
}
located!(
    Group, Leadership, Person, Meeting, Contact, Discord, Team, Subproject
);

// Extents: after the parse, each record's span grows from its start to the end of its last value.
fn cover(span: &mut Span, s: &Option<Str>) {
    if let Some(s) = s {
        *span = span.cover(s.span);
    }
}

fn cover_all(span: &mut Span, list: &[Str]) {
    for s in list {
        *span = span.cover(s.span);
    }
}

impl SigsYaml {
    /// Sets each group's kind and computes every record's extent.
    pub(crate) fn finish(&mut self) {
        for kind in GroupKind::ALL {
            for g in self.groups_of_mut(kind).iter_mut() {
                g.kind = kind;
                g.finish();
            }
        }
        if let Some(p) = &mut self.gb_rep {
            p.finish();
        }
    }
}

impl Group {
    fn finish(&mut self) {
        let mut span = self.span;
        for s in [
            &self.dir,
            &self.name,
            &self.mission_statement,
            &self.charter_link,
            &self.label,
        ] {
            cover(&mut span, s);
        }
        cover_all(&mut span, &self.stakeholder_sigs);
        if let Some(l) = &mut self.leadership {
            l.finish();
            span = span.cover(l.span);
        }
        for m in self.meetings.iter_mut() {
            m.finish();
            span = span.cover(m.span);
        }
        if let Some(c) = &mut self.contact {
            c.finish();
            span = span.cover(c.span);
        }
        for sp in self.subprojects.iter_mut() {
            sp.finish();
            span = span.cover(sp.span);
        }
        self.span = span;
    }
}

impl Leadership {
    fn finish(&mut self) {
        let mut span = self.span;
        for p in self
            .chairs
            .iter_mut()
            .chain(self.tech_leads.iter_mut())
            .chain(self.emeritus_leads.iter_mut())
        {
            p.finish();
            span = span.cover(p.span);
        }
        self.span = span;
    }
}

impl Person {
    fn finish(&mut self) {
        for s in [&self.github, &self.name, &self.company, &self.email] {
            cover(&mut self.span, s);
        }
    }
}

impl Meeting {
    fn finish(&mut self) {
        for s in [
            &self.description,
            &self.day,
            &self.time,
            &self.tz,
            &self.frequency,
            &self.url,
            &self.archive_url,
            &self.recordings_url,
            &self.calendar_url,
        ] {
            cover(&mut self.span, s);
        }
    }
}

impl Contact {
    fn finish(&mut self) {
        let mut span = self.span;
        for s in [&self.slack, &self.mailing_list, &self.private_mailing_list] {
            cover(&mut span, s);
        }
        if let Some(d) = &mut self.discord {
            cover(&mut d.span, &d.name);
            cover(&mut d.span, &d.url);
            span = span.cover(d.span);
        }
        for t in self.teams.iter_mut() {
            cover(&mut t.span, &t.name);
            cover(&mut t.span, &t.description);
            span = span.cover(t.span);
        }
        if let Some(p) = &mut self.liaison {
            p.finish();
            span = span.cover(p.span);
        }
        self.span = span;
    }
}

impl Subproject {
    fn finish(&mut self) {
        let mut span = self.span;
        cover(&mut span, &self.name);
        cover(&mut span, &self.description);
        if let Some(c) = &mut self.contact {
            c.finish();
            span = span.cover(c.span);
        }
        cover_all(&mut span, &self.owners);
        for p in self.leads.iter_mut() {
            p.finish();
            span = span.cover(p.span);
        }
        for m in self.meetings.iter_mut() {
            m.finish();
            span = span.cover(m.span);
        }
        self.span = span;
    }
}
