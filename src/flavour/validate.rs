//! `Context.Validate` of each flavour (GENERATOR-API.md section 10): the errors that make the
//! community's own generator refuse the data, with Go's wording, each at the YAML value it is about.
//! Groups are visited kind by kind (sig, wg, ug, committee) and, inside a group, roles in the order
//! chair, tech_lead, emeritus_lead (Go visits both maps in random order; which of two inconsistent
//! entries of one person is "expected" therefore varies upstream, and is the first in that order
//! here).

use std::collections::HashMap;

use super::data::dir_name;
use super::funcs::{RAW_REGEX_TEXT, owners_url_ok};
use super::{Flavour, LabelRule, SigSubprojects, Validation};
use crate::model::{Group, GroupKind, Person, SigsYaml, Str};
use crate::source::Span;
use crate::template::fmt::quote;

/// One validation error: Go's message and where it points.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    pub message: String,
    pub span: Span,
}

fn v(s: &Option<Str>) -> &str {
    s.as_ref().map_or("", |s| s.value.as_ref())
}

fn at(s: &Option<Str>, fallback: Span) -> Span {
    s.as_ref().map_or(fallback, |s| s.span)
}

/// Go's `%v` of a Person of this flavour: its fields' values in declaration order.
fn person_v(flavour: &'static Flavour, p: &Person) -> String {
    let values: Vec<&str> = flavour
        .tree()
        .fields("Person")
        .iter()
        .map(|f| match f.key.as_str() {
            "github" => v(&p.github),
            "name" => v(&p.name),
            "company" => v(&p.company),
            "email" => v(&p.email),
            _ => "",
        })
        .collect();
    format!("{{{}}}", values.join(" "))
}

/// Go's `%v` of a group's `[]Subproject` (addresses of contact pointers print as a fixed stand-in:
/// they differ on every run of the Go generator).
fn subprojects_v(flavour: &'static Flavour, g: &Group) -> String {
    let one = SigsYaml {
        sigs: vec![g.clone()].into(),
        ..SigsYaml::default()
    };
    let ctx = super::data::context(flavour, &one);
    let groups = super::data::groups(&ctx, GroupKind::Sig);
    match groups.first() {
        Some(crate::template::Value::Struct(s, _)) => s
            .field("Subprojects")
            .map(|sp| crate::template::fmt::format_value(sp, 'v', false))
            .unwrap_or_default(),
        _ => String::new(),
    }
}

/// `items` in the generator's order: sorted by `key` byte-wise (stable) where the flavour sorts.
fn in_order<'a, T>(flavour: &Flavour, items: &'a [T], key: impl Fn(&T) -> &str) -> Vec<&'a T> {
    let mut v: Vec<&T> = items.iter().collect();
    if flavour.sorting() == super::Sorting::Full {
        v.sort_by(|a, b| key(a).as_bytes().cmp(key(b).as_bytes()));
    }
    v
}

/// The errors the flavour's `Validate` reports for a model, visiting groups and people in the
/// order the generator has sorted them into.
pub fn validate(flavour: &'static Flavour, model: &SigsYaml) -> Vec<Problem> {
    let ver = flavour.validation;
    let mut out = Vec::new();
    if ver == Validation::None {
        return out;
    }
    let mut push = |message: String, span: Span| out.push(Problem { message, span });
    let no_rep = Person::default();
    let mut people: HashMap<&str, &Person> = HashMap::new();
    if ver >= Validation::K34 {
        let rep = model.gb_rep.as_ref().unwrap_or(&no_rep);
        let span = rep.span;
        for (field, value) in [
            ("github", &rep.github),
            ("company", &rep.company),
            ("email", &rep.email),
            ("name", &rep.name),
        ] {
            if v(value).is_empty() {
                push(
                    format!("GBRep: {field} is empty but should be set"),
                    at(value, span),
                );
            }
        }
        people.insert(v(&rep.github), rep);
    }
    let sig_names: Vec<&str> = model.sigs.iter().map(|g| v(&g.name)).collect();
    let stakeholder_required = ver >= Validation::K26;
    for kind in flavour.group_kinds() {
        let prefix = kind.prefix();
        for g in in_order(flavour, model.groups_of(kind), |g| v(&g.dir)) {
            let dir = v(&g.dir);
            let anchor = g.anchor();
            let expected = dir_name(prefix, v(&g.name));
            if expected != dir {
                push(
                    format!("expected dir: {expected}, got: {dir}"),
                    at(&g.dir, anchor),
                );
            }
            let label = v(&g.label);
            let expected_label = match flavour.label_rule {
                LabelRule::K8s => Some(expected.replacen(&format!("{prefix}-"), "", 1)),
                LabelRule::KubeflowArea => Some(format!("area/{expected}")),
                LabelRule::None => None,
            };
            if let Some(el) = expected_label
                && el != label
            {
                push(
                    format!("{dir}: expected label: {el}, got: {label}"),
                    at(&g.label, anchor),
                );
            }
            if let Some(l) = &g.leadership {
                for (role, persons) in [
                    ("chair", &l.chairs),
                    ("tech_lead", &l.tech_leads),
                    ("emeritus_lead", &l.emeritus_leads),
                ] {
                    for p in in_order(flavour, persons, |p| v(&p.github)) {
                        person_rules(flavour, ver, dir, role, p, &mut people, &mut push);
                    }
                }
            }
            let stake = &g.stakeholder_sigs;
            if !stake.is_empty() {
                if kind == GroupKind::WorkingGroup {
                    for s in stake.iter() {
                        if !sig_names.contains(&s.value.as_ref()) {
                            push(
                                format!("{dir}: invalid stakeholder sig name {}", s.value),
                                s.span,
                            );
                        }
                    }
                } else {
                    push(
                        format!("{dir}: only WGs may have stakeholder_sigs"),
                        stake[0].span,
                    );
                }
            } else if stakeholder_required && kind == GroupKind::WorkingGroup {
                push(format!("{dir}: WGs must have stakeholder_sigs"), anchor);
            }
            if kind == GroupKind::Sig {
                if v(&g.charter_link).is_empty() {
                    push(
                        format!("{dir}: has no charter"),
                        at(&g.charter_link, anchor),
                    );
                }
                if v(&g.mission_statement).is_empty() {
                    push(
                        format!("{dir}: has no mission statement"),
                        at(&g.mission_statement, anchor),
                    );
                }
                match flavour.sig_subprojects {
                    SigSubprojects::Required if g.subprojects.is_empty() => {
                        push(format!("{dir}: has no subprojects"), anchor)
                    }
                    SigSubprojects::Forbidden if !g.subprojects.is_empty() => push(
                        format!("{dir}: must not own any subprojects"),
                        g.subprojects[0].span,
                    ),
                    _ => {}
                }
            }
            if ver >= Validation::K24 {
                if !matches!(kind, GroupKind::Sig | GroupKind::Committee)
                    && !g.subprojects.is_empty()
                {
                    push(
                        format!(
                            "{dir}: only sigs and committees can own code / have subprojects, found: {}",
                            subprojects_v(flavour, g)
                        ),
                        g.subprojects[0].span,
                    );
                }
                for sp in g.subprojects.iter() {
                    let name = v(&sp.name);
                    if sp.owners.is_empty() {
                        push(
                            format!("{dir}/{name}: subproject has no owners"),
                            at(&sp.name, sp.span),
                        );
                    }
                    for o in sp.owners.iter() {
                        if !owners_url_ok(&o.value) {
                            push(
                                format!(
                                    "{dir}/{name}: subproject owners should match regexp {RAW_REGEX_TEXT}, found: {}",
                                    o.value
                                ),
                                o.span,
                            );
                        }
                    }
                }
            }
        }
    }
    out
}

fn person_rules<'m>(
    flavour: &'static Flavour,
    ver: Validation,
    dir: &str,
    role: &str,
    p: &'m Person,
    people: &mut HashMap<&'m str, &'m Person>,
    push: &mut impl FnMut(String, Span),
) {
    if ver < Validation::K21 {
        return; // K20 had no person rule
    }
    let login = v(&p.github);
    let anchor = p.anchor();
    let emeritus = role == "emeritus_lead";
    if ver >= Validation::K34 && login.is_empty() {
        push(
            format!("{dir}: {role}: github is empty but should be set"),
            anchor,
        );
        return;
    }
    match people.get(login) {
        Some(seen) => match ver {
            // Until 2025-03 one rule: the name (and, for the roles compared, the company) must
            // match; 2019-10-04 stopped comparing emeritus companies.
            Validation::None
            | Validation::K20
            | Validation::K21
            | Validation::K21Emeritus
            | Validation::K24
            | Validation::K26 => {
                let company_compared = ver <= Validation::K21 || !emeritus;
                if v(&seen.name) != v(&p.name)
                    || (company_compared && v(&seen.company) != v(&p.company))
                {
                    push(
                        format!(
                            "{dir}: {role}s: expected person: {}, got: {}",
                            person_v(flavour, seen),
                            person_v(flavour, p)
                        ),
                        anchor,
                    );
                }
            }
            _ => {
                let seen_login = v(&seen.github);
                if !emeritus {
                    // 2025-03's form names the seen entry's empty email by login but its empty
                    // company by the (empty) company itself: Go's own wording, kept.
                    for (field, seen_value, value, who) in [
                        ("email", &seen.email, &p.email, seen_login),
                        ("company", &seen.company, &p.company, v(&seen.company)),
                    ] {
                        if ver == Validation::K33Email && v(seen_value).is_empty() {
                            push(
                                format!("{dir}: {who}: {field} is empty but should be set"),
                                anchor,
                            );
                        } else if v(seen_value) != v(value) {
                            push(
                                format!(
                                    "{dir}: {seen_login} {field}: {} does not match other entries {}",
                                    quote(v(seen_value)),
                                    quote(v(value))
                                ),
                                at(value, anchor),
                            );
                        }
                    }
                }
                if v(&seen.name) != v(&p.name) {
                    push(
                        format!(
                            "{dir}: {role}: expected person: {}, got: {}",
                            person_v(flavour, seen),
                            person_v(flavour, p)
                        ),
                        at(&p.name, anchor),
                    );
                }
            }
        },
        None => {
            // Before 2019-10-04 every role was remembered; after, only chairs and tech leads.
            if ver <= Validation::K21 || !emeritus {
                people.insert(login, p);
                if ver >= Validation::K33First && !emeritus {
                    if v(&p.email).is_empty() {
                        push(
                            format!("{dir}: {login}: email is empty but should be set"),
                            anchor,
                        );
                    }
                    if v(&p.company).is_empty() {
                        push(
                            format!("{dir}: {login}: company is empty but should be set"),
                            anchor,
                        );
                    }
                }
            }
        }
    }
    if ver >= Validation::K33First && v(&p.name).is_empty() {
        push(
            format!("{dir}: {login}: name is empty but should be set"),
            anchor,
        );
    }
    if ver >= Validation::K21Emeritus && emeritus && !v(&p.company).is_empty() {
        push(
            format!(
                "{dir}: emeritus leads should not have company specified; company specified for: {}",
                v(&p.name)
            ),
            at(&p.company, anchor),
        );
    }
}

/// What the flavour's strict decode (yaml.v3 `KnownFields`, K20+) refuses: keys that its Go types
/// do not have (`field email not found in type main.Person`). yaml.v2 generators (before K20)
/// ignore such keys; nothing is reported for them. A key holding an empty list cannot be told
/// from an absent one here and is not reported.
pub fn decode_problems(flavour: &'static Flavour, model: &SigsYaml) -> Vec<Problem> {
    let mut out = Vec::new();
    if flavour.epoch < 20 {
        return out;
    }
    let tree = flavour.tree();
    let mut check = |ty: &str, key: &str, span: Span| {
        if tree.field_by_key(ty, key).is_none() {
            out.push(Problem {
                message: format!("field {key} not found in type main.{ty}"),
                span,
            });
        }
    };
    fn person(check: &mut impl FnMut(&str, &str, Span), p: &Person) {
        if let Some(e) = &p.email {
            check("Person", "email", e.span);
        }
    }
    fn contact(check: &mut impl FnMut(&str, &str, Span), c: &crate::model::Contact) {
        for (key, value) in [
            ("slack", &c.slack),
            ("private_mailing_list", &c.private_mailing_list),
        ] {
            if let Some(v) = value {
                check("Contact", key, v.span);
            }
        }
        if let Some(d) = &c.discord {
            check("Contact", "discord", d.span);
        }
        if let Some(l) = &c.liaison {
            check("Contact", "liaison", l.span);
            person(check, l);
        }
    }
    if let Some(rep) = &model.gb_rep {
        check("Context", "gb_rep", rep.span);
        person(&mut check, rep);
    }
    for kind in [GroupKind::UserGroup, GroupKind::Committee] {
        if let Some(g) = model.groups_of(kind).first() {
            check("Context", kind.key(), g.span);
        }
    }
    for g in model.groups() {
        if let Some(s) = g.stakeholder_sigs.first() {
            check("Group", "stakeholder_sigs", s.span);
        }
        if let Some(l) = &g.leadership {
            for p in l
                .chairs
                .iter()
                .chain(l.tech_leads.iter())
                .chain(l.emeritus_leads.iter())
            {
                person(&mut check, p);
            }
        }
        for m in g.meetings.iter() {
            if let Some(c) = &m.calendar_url {
                check("Meeting", "calendar_url", c.span);
            }
        }
        if let Some(c) = &g.contact {
            contact(&mut check, c);
        }
        for sp in g.subprojects.iter() {
            if let Some(c) = &sp.contact {
                check("Subproject", "contact", c.span);
                contact(&mut check, c);
            }
            if let Some(p) = sp.leads.first() {
                check("Subproject", "leads", p.span);
            }
            for p in sp.leads.iter() {
                person(&mut check, p);
            }
            for m in sp.meetings.iter() {
                if let Some(c) = &m.calendar_url {
                    check("Meeting", "calendar_url", c.span);
                }
            }
        }
    }
    out
}
