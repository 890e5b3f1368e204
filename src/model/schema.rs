//! The shape of a sigs.yaml as data: which keys each mapping has and what each holds. The lenient
//! validator walks the YAML tree with it (so every unknown key and wrong type is reported); a test
//! proves it lists exactly the fields the serde-derived model accepts; a JSON Schema can be generated
//! from it.

#[derive(Debug)]
pub enum Shape {
    /// A scalar read as a string (numbers and booleans are read as their text, as Go's yaml.v3 does).
    Str,
    /// A list of strings.
    StrList,
    /// A mapping.
    Record(&'static Record),
    /// A list of mappings.
    List(&'static Record),
}

#[derive(Debug)]
pub struct Record {
    /// How the mapping is named in messages: `a person`.
    pub what: &'static str,
    /// The type name in the Rust model (and in the generated JSON Schema).
    pub type_name: &'static str,
    pub fields: &'static [(&'static str, Shape)],
}

impl Record {
    pub fn keys(&self) -> impl Iterator<Item = &'static str> + '_ {
        self.fields.iter().map(|(k, _)| *k)
    }
}

pub static PERSON: Record = Record {
    what: "a person",
    type_name: "Person",
    fields: &[
        ("github", Shape::Str),
        ("name", Shape::Str),
        ("company", Shape::Str),
        ("email", Shape::Str),
    ],
};

pub static LEADERSHIP: Record = Record {
    what: "`leadership`",
    type_name: "Leadership",
    fields: &[
        ("chairs", Shape::List(&PERSON)),
        ("tech_leads", Shape::List(&PERSON)),
        ("emeritus_leads", Shape::List(&PERSON)),
    ],
};

pub static MEETING: Record = Record {
    what: "a meeting",
    type_name: "Meeting",
    fields: &[
        ("description", Shape::Str),
        ("day", Shape::Str),
        ("time", Shape::Str),
        ("tz", Shape::Str),
        ("frequency", Shape::Str),
        ("url", Shape::Str),
        ("archive_url", Shape::Str),
        ("recordings_url", Shape::Str),
        ("calendar_url", Shape::Str),
    ],
};

pub static DISCORD: Record = Record {
    what: "`discord`",
    type_name: "Discord",
    fields: &[("name", Shape::Str), ("url", Shape::Str)],
};

pub static TEAM: Record = Record {
    what: "a team",
    type_name: "Team",
    fields: &[("name", Shape::Str), ("description", Shape::Str)],
};

pub static CONTACT: Record = Record {
    what: "`contact`",
    type_name: "Contact",
    fields: &[
        ("slack", Shape::Str),
        ("discord", Shape::Record(&DISCORD)),
        ("mailing_list", Shape::Str),
        ("private_mailing_list", Shape::Str),
        ("teams", Shape::List(&TEAM)),
        ("liaison", Shape::Record(&PERSON)),
    ],
};

pub static SUBPROJECT: Record = Record {
    what: "a subproject",
    type_name: "Subproject",
    fields: &[
        ("name", Shape::Str),
        ("description", Shape::Str),
        ("contact", Shape::Record(&CONTACT)),
        ("owners", Shape::StrList),
        ("leads", Shape::List(&PERSON)),
        ("meetings", Shape::List(&MEETING)),
    ],
};

pub static GROUP: Record = Record {
    what: "a group",
    type_name: "Group",
    fields: &[
        ("dir", Shape::Str),
        ("name", Shape::Str),
        ("mission_statement", Shape::Str),
        ("charter_link", Shape::Str),
        ("stakeholder_sigs", Shape::StrList),
        ("label", Shape::Str),
        ("leadership", Shape::Record(&LEADERSHIP)),
        ("meetings", Shape::List(&MEETING)),
        ("contact", Shape::Record(&CONTACT)),
        ("subprojects", Shape::List(&SUBPROJECT)),
    ],
};

pub static SIGS_YAML: Record = Record {
    what: "the top level",
    type_name: "SigsYaml",
    fields: &[
        ("sigs", Shape::List(&GROUP)),
        ("workinggroups", Shape::List(&GROUP)),
        ("usergroups", Shape::List(&GROUP)),
        ("committees", Shape::List(&GROUP)),
        ("gb_rep", Shape::Record(&PERSON)),
    ],
};

/// Every record, for tests and schema generation.
pub static RECORDS: &[&Record] = &[
    &SIGS_YAML,
    &GROUP,
    &LEADERSHIP,
    &PERSON,
    &MEETING,
    &CONTACT,
    &DISCORD,
    &TEAM,
    &SUBPROJECT,
];
