//! The typed sigs.yaml model. Every scalar is a [`Str`] that knows its byte span; groups, persons and the
//! other records carry the span of their whole mapping so a diagnostic can point at them as a whole.
//! Lists keep the order in which they are written. A field that is absent or null is `None`.

mod de;
pub(crate) mod events;
pub mod json_schema;
mod load;
mod scan;
#[macro_use]
pub mod schema;
pub mod scalar;
pub mod tree;
pub mod walk;

pub use de::{List, with_source};
pub use load::{
    Loaded, did_you_mean, load, load_file, load_ignoring_unknown, scan_agrees, typed_passes_agree,
    validate, yaml_error,
};

/// The bounds of "did you mean" suggestions.
pub mod load_limits {
    pub use super::load::{SUGGEST_MAX_CANDIDATES, SUGGEST_MAX_LEN};
}

use crate::source::Span;

/// A string value with the byte span of its source text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Str {
    /// Shared with the template data built from the model (no second copy of every string).
    pub value: std::sync::Arc<str>,
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
    /// A community's Special Interest Groups, Working Groups, User Groups and Committees, as the
    /// community generators read them.
    SigsYaml "the top level" "" [] {
        /// The Special Interest Groups (each gets `sig-<name>/README.md`).
        sigs: many Group,
        /// The Working Groups (`wg-<name>/README.md`).
        workinggroups: many Group,
        /// The User Groups (`ug-<name>/README.md`).
        usergroups: many Group,
        /// The Committees (`committee-<name>/README.md`).
        committees: many Group,
        /// The community's Governing Board representative (kubernetes, from 2025).
        gb_rep: one Person,
    }

    /// A SIG, working group, user group or committee.
    Group "a group" "" [
        /// Which list the group is in (set after the parse).
        kind: GroupKind
    ] {
        /// The group's folder, where its README.md is generated: the kind's prefix (`sig-`, `wg-`,
        /// `ug-`, `committee-`) and the name lowercased with spaces turned into `-`.
        dir: text,
        /// The group's name, as the docs show it (`API Machinery`).
        name: text,
        /// What the group is for, shown at the top of its README (a SIG must have one).
        mission_statement: text,
        /// The group's charter: a URL, or a path relative to its folder (a SIG must have one).
        charter_link: link,
        /// For a working group: the names of the SIGs it reports to (kubernetes requires them).
        stakeholder_sigs: texts,
        /// The group's label (`sig/<label>` on GitHub): the name lowercased, spaces turned into `-`.
        label: text,
        /// The chairs, technical leads and emeritus leads.
        leadership: one Leadership,
        /// The group's regular meetings.
        meetings: many Meeting,
        /// How to reach the group: Slack, mailing lists, GitHub teams, liaison.
        contact: one Contact,
        /// The code the group owns, each part with its OWNERS files (a SIG must have one).
        subprojects: many Subproject,
    }

    /// The group's leaders.
    Leadership "`leadership`" "" [] {
        /// The chairs (every group needs one); each with `github`, `name`, `company` and `email`.
        chairs: many Person,
        /// The technical leads; each with `github`, `name`, `company` and `email`.
        tech_leads: many Person,
        /// Former leads, listed for thanks (no `company`).
        emeritus_leads: many Person,
    }

    /// A person: a lead, a liaison, a subproject lead or the GB representative.
    Person "a person" "" [] {
        /// The person's GitHub login (one login is one person everywhere in the file).
        github: text,
        /// The person's name, as the docs show it.
        name: text,
        /// The person's employer (leads; not for emeritus leads).
        company: text,
        /// The person's email address (leads; kubernetes from 2024-11).
        email: text,
    }

    /// A regular meeting.
    Meeting "a meeting" "" [] {
        /// What the meeting is (`Regular SIG Meeting`).
        description: text,
        /// The weekday, written out (`Tuesday`).
        day: text,
        /// The time of day, as text (`"9:00"`, `4:00 PM`).
        time: text,
        /// The time zone, in the form the docs' converter link expects (`PT (Pacific Time)`).
        tz: text,
        /// How often (`weekly`, `biweekly`, `monthly, first Thursday`).
        frequency: text,
        /// Where to join: an https URL.
        url: url,
        /// The meeting notes: an https URL.
        archive_url: url,
        /// The recordings: an https URL.
        recordings_url: url,
        /// The calendar entry: an https URL (kubernetes, from 2024-10).
        calendar_url: url,
    }

    /// How to reach a group or subproject.
    Contact "`contact`" "" [] {
        /// The Slack channel's name, without `#`.
        slack: text,
        /// The Discord channel (ICON).
        discord: one Discord,
        /// The mailing list: its web page (an https URL) or its address.
        mailing_list: list_address,
        /// The private mailing list: its web page (an https URL) or its address.
        private_mailing_list: list_address,
        /// The group's GitHub teams.
        teams: many Team,
        /// The Steering Committee liaison.
        liaison: one Person,
    }

    /// A Discord channel.
    Discord "`discord`" "discord." [] {
        /// The channel's name.
        name: text,
        /// The channel's invitation link: an https URL.
        url: url,
    }

    /// A GitHub team.
    Team "a team" "team " [] {
        /// The team's name (`sig-docs-reviews`).
        name: text,
        /// What the team is for.
        description: text,
    }

    /// A part of the code a group owns.
    Subproject "a subproject" "subproject " [] {
        /// The subproject's name (unique in the file).
        name: text,
        /// What the subproject is.
        description: text,
        /// How to reach the subproject's people.
        contact: one Contact,
        /// The subproject's OWNERS files: GitHub raw or blob URLs (at least one).
        owners: urls,
        /// The subproject's leads.
        leads: many Person,
        /// The subproject's meetings.
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
