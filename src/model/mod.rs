//! The typed sigs.yaml model. Every scalar is a [`Str`] that knows its byte span; groups, persons and the
//! other records carry the span of their whole mapping so a diagnostic can point at them as a whole.
//! Lists keep the order in which they are written. A field that is absent or null is `None`.

mod load;
pub mod tree;

pub use load::{KNOWN_TOP_LEVEL, Loaded, did_you_mean, load, load_file};

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

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum GroupKind {
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

#[derive(Clone, Debug, Default)]
pub struct SigsYaml {
    pub sigs: Vec<Group>,
    pub workinggroups: Vec<Group>,
    pub usergroups: Vec<Group>,
    pub committees: Vec<Group>,
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

    pub fn groups_of_mut(&mut self, kind: GroupKind) -> &mut Vec<Group> {
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

#[derive(Clone, Debug)]
pub struct Group {
    pub kind: GroupKind,
    /// The whole mapping.
    pub span: Span,
    pub dir: Option<Str>,
    pub name: Option<Str>,
    pub mission_statement: Option<Str>,
    pub charter_link: Option<Str>,
    /// Span of the `stakeholder_sigs` key, when present.
    pub stakeholder_sigs_key: Option<Span>,
    pub stakeholder_sigs: Vec<Str>,
    pub label: Option<Str>,
    pub leadership: Option<Leadership>,
    pub meetings: Vec<Meeting>,
    pub contact: Option<Contact>,
    /// Span of the `subprojects` key, when present.
    pub subprojects_key: Option<Span>,
    pub subprojects: Vec<Subproject>,
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

#[derive(Clone, Debug, Default)]
pub struct Leadership {
    pub span: Span,
    pub chairs: Vec<Person>,
    pub tech_leads: Vec<Person>,
    pub emeritus_leads: Vec<Person>,
}

#[derive(Clone, Debug, Default)]
pub struct Person {
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

#[derive(Clone, Debug, Default)]
pub struct Meeting {
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

#[derive(Clone, Debug, Default)]
pub struct Contact {
    pub span: Span,
    pub slack: Option<Str>,
    pub discord: Option<Discord>,
    pub mailing_list: Option<Str>,
    pub private_mailing_list: Option<Str>,
    pub teams: Vec<Team>,
    pub liaison: Option<Person>,
}

#[derive(Clone, Debug, Default)]
pub struct Discord {
    pub span: Span,
    pub name: Option<Str>,
    pub url: Option<Str>,
}

#[derive(Clone, Debug, Default)]
pub struct Team {
    pub span: Span,
    pub name: Option<Str>,
    pub description: Option<Str>,
}

#[derive(Clone, Debug, Default)]
pub struct Subproject {
    pub span: Span,
    pub name: Option<Str>,
    pub description: Option<Str>,
    pub contact: Option<Contact>,
    /// Span of the `owners` key, when present.
    pub owners_key: Option<Span>,
    pub owners: Vec<Str>,
    pub leads: Vec<Person>,
    pub meetings: Vec<Meeting>,
}

impl Subproject {
    pub fn anchor(&self) -> Span {
        self.name.as_ref().map_or(self.span, |s| s.span)
    }
}
