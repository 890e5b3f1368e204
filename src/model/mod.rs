//! The typed sigs.yaml model. Every scalar is a [`Str`] that knows its byte span; groups, persons and the
//! other records carry the span of their whole mapping so a diagnostic can point at them as a whole.
//! Lists keep the order in which they are written. A field that is absent or null is `None`.

mod de;
pub mod json_schema;
mod load;
#[macro_use]
pub mod schema;
pub mod scalar;
pub mod tree;
pub mod walk;

pub use de::{List, with_source};
pub use load::{Loaded, did_you_mean, load, load_file, validate, yaml_error};

/// The bounds of "did you mean" suggestions.
pub mod load_limits {
    pub use super::load::{SUGGEST_MAX_CANDIDATES, SUGGEST_MAX_LEN};
}

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

// The one declaration of sigs.yaml's shape (see [`schema`] for what is derived from it). Keys are
// in the order the generators' Go structs declare them.
declare_records! {
    /// A whole sigs.yaml.
    SigsYaml "the top level" "" [] {
        sigs: many Group,
        workinggroups: many Group,
        usergroups: many Group,
        committees: many Group,
        gb_rep: one Person,
    }

    /// A SIG, working group, user group or committee.
    Group "a group" "" [
        /// Which list the group is in (set after the parse).
        kind: GroupKind
    ] {
        dir: text,
        name: text,
        mission_statement: text,
        charter_link: link,
        stakeholder_sigs: texts,
        label: text,
        leadership: one Leadership,
        meetings: many Meeting,
        contact: one Contact,
        subprojects: many Subproject,
    }

    Leadership "`leadership`" "" [] {
        chairs: many Person,
        tech_leads: many Person,
        emeritus_leads: many Person,
    }

    Person "a person" "" [] {
        github: text,
        name: text,
        company: text,
        email: text,
    }

    Meeting "a meeting" "" [] {
        description: text,
        day: text,
        time: text,
        tz: text,
        frequency: text,
        url: url,
        archive_url: url,
        recordings_url: url,
        calendar_url: url,
    }

    Contact "`contact`" "" [] {
        slack: text,
        discord: one Discord,
        mailing_list: list_address,
        private_mailing_list: list_address,
        teams: many Team,
        liaison: one Person,
    }

    Discord "`discord`" "discord." [] {
        name: text,
        url: url,
    }

    Team "a team" "team " [] {
        name: text,
        description: text,
    }

    Subproject "a subproject" "subproject " [] {
        name: text,
        description: text,
        contact: one Contact,
        owners: urls,
        leads: many Person,
        meetings: many Meeting,
    }
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

impl Subproject {
    pub fn anchor(&self) -> Span {
        self.name.as_ref().map_or(self.span, |s| s.span)
    }
}

impl SigsYaml {
    /// Sets each group's kind and computes every record's extent.
    pub(crate) fn finish(&mut self) {
        for kind in GroupKind::ALL {
            for g in self.groups_of_mut(kind).iter_mut() {
                g.kind = kind;
            }
        }
        walk::Walk::extend_spans(self);
    }
}
