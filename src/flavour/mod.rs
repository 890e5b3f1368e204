//! Generator flavours: one per template-visible epoch of the kubernetes/community generator (K17 to
//! K35) and per fork (ICON, kubeflow, the KubeVirt PR copy, operator-framework's vendored copy).
//! A flavour is data — the epoch its types and functions follow, its fork, file names, the yaml.v3
//! emitter — plus the small functions that differ (`LabelName`, validation). Everything the
//! pipeline does that depends on the generator asks the flavour: the template data
//! ([`data`]), the function map ([`funcs`]), sorting, validation ([`validate`]) and the outputs.
//! [`detect`] recognises the flavour of a repository from its `generator/app.go` and `go.mod`.

pub mod data;
pub mod detect;
pub mod funcs;
pub mod generic;
pub mod types;
pub mod validate;
pub mod yaml;

use std::collections::HashMap;
use std::sync::{Mutex, OnceLock};

pub use detect::{Detected, detect};

/// Which copy of the generator.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Fork {
    Kubernetes,
    /// icon-project/community (2022): K26 with `contact.discord {name, url}` instead of `slack`.
    Icon,
    /// kubeflow/community: K22 with `wgs.yaml`, `wg-list.md`, `LabelName` = the whole dir, no
    /// liaisons, SIGs must not own subprojects, no label rule (since 2026-06).
    Kubeflow,
    /// kubevirt/community's PR copy (2023): K29 with templates in `tools/sigs/generator`.
    KubevirtPr,
    /// operator-framework/community's vendored copy (2019-11 to 2021-10): K21 (after 2019-10-04).
    OperatorFramework,
    /// sigs-lint's own template set (`templates/`, for repositories without a generator): the
    /// newest kubernetes types with ICON's `contact.discord` beside `slack`.
    BuiltIn,
}

/// The label rule of `Validate`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LabelRule {
    /// `label` must be `LabelName(prefix)` (the dir without its prefix).
    K8s,
    /// kubeflow until 2026-06: `label` must be `area/` + the dir.
    KubeflowArea,
    /// kubeflow since 2026-06 (0083fd2): no label rule.
    None,
}

/// What `Validate` says about SIG subprojects.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SigSubprojects {
    /// kubernetes: every SIG needs subprojects.
    Required,
    /// kubeflow since 2020-10 (ca9f979): SIGs must not own any.
    Forbidden,
}

/// How groups and lists are ordered before templates see them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Sorting {
    /// K10-K19: each kind's groups by lower-cased name; nothing inside them.
    LowerName,
    /// K20+: `Context.Sort` (groups by dir; people, meetings, teams, subprojects, owners, …).
    Full,
}

/// The gopkg.in/yaml.v3 version that re-emits the data file (section 8 of GENERATOR-API.md).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum YamlEmitter {
    /// Before K20: yaml.v2, the data file is never rewritten.
    None,
    /// v3.0.0-20190409140830-cdc409dda467: list items at the parent's indent, folding at 80.
    Snapshot2019,
    /// v3.0.0-20200313102051-9f266ea9e77c: same layout as 2019.
    Snapshot2020,
    /// v3.0.1: list items indented, no folding.
    V301,
}

impl YamlEmitter {
    pub fn describe(self) -> &'static str {
        match self {
            YamlEmitter::None => "none (the generator never rewrites the data file)",
            YamlEmitter::Snapshot2019 => "yaml.v3 v3.0.0-20190409140830-cdc409dda467",
            YamlEmitter::Snapshot2020 => "yaml.v3 v3.0.0-20200313102051-9f266ea9e77c",
            YamlEmitter::V301 => "yaml.v3 v3.0.1",
        }
    }
}

/// The rules of `Context.Validate` in force (section 10 of GENERATOR-API.md).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Validation {
    /// K1-K19: none.
    None,
    /// K20: dir, label, stakeholder SIGs of WGs, SIG charter/mission.
    K20,
    /// K21 (2019-05-06): + the first person rule (role pluralised, company compared for all).
    K21,
    /// 2019-10-04 (9126cd574): company only for non-emeritus, emeritus not remembered, emeritus
    /// company rule.
    K21Emeritus,
    /// K24: + subproject owners and "only sigs and committees can own code".
    K24,
    /// K26: + reporting WGs, "WGs must have stakeholder_sigs".
    K26,
    /// K33 after 2025-03-17 (19094aa6e): email checks on the seen entry.
    K33Email,
    /// K33 after 2025-04-16 (e4d704ee9): emptiness checked at first sighting, names required.
    K33First,
    /// K34+: GB rep rules and "github is empty".
    K34,
}

/// One generator flavour.
#[derive(Clone, Debug)]
pub struct Flavour {
    /// Stable id, used by `.sigs-lint.yaml` `generator:` (`kubernetes-K35`, `icon`, `kubeflow`).
    pub id: &'static str,
    /// Who runs it and since when.
    pub title: &'static str,
    /// The kubernetes epoch (K17..K35) whose types, methods and functions this flavour has.
    pub epoch: u8,
    pub fork: Fork,
    pub data_file: &'static str,
    pub template_dir: &'static str,
    /// The list output (`sig-list.md`; kubeflow `wg-list.md`).
    pub list_output: &'static str,
    pub liaisons: bool,
    pub yaml: YamlEmitter,
    pub validation: Validation,
    /// Validation errors stop the run (from 2019-07-30); before that they were notices.
    pub validation_fatal: bool,
    pub label_rule: LabelRule,
    pub sig_subprojects: SigSubprojects,
}

const fn k8s(
    id: &'static str,
    title: &'static str,
    epoch: u8,
    yaml: YamlEmitter,
    validation: Validation,
) -> Flavour {
    Flavour {
        id,
        title,
        epoch,
        fork: Fork::Kubernetes,
        data_file: "sigs.yaml",
        template_dir: "generator",
        list_output: "sig-list.md",
        liaisons: epoch >= 23,
        yaml,
        validation,
        validation_fatal: true,
        label_rule: LabelRule::K8s,
        sig_subprojects: SigSubprojects::Required,
    }
}

use Validation as V;
use YamlEmitter as Y;

/// Every flavour sigs-lint knows, oldest first.
pub static KNOWN: &[Flavour] = &[
    k8s(
        "kubernetes-K17",
        "kubernetes/community 2019-03-04 (user groups)",
        17,
        Y::None,
        V::None,
    ),
    k8s(
        "kubernetes-K18",
        "kubernetes/community 2019-03-18 (committees)",
        18,
        Y::None,
        V::None,
    ),
    k8s(
        "kubernetes-K19",
        "kubernetes/community 2019-03-20 (subproject contact)",
        19,
        Y::None,
        V::None,
    ),
    Flavour {
        validation_fatal: false,
        ..k8s(
            "kubernetes-K20",
            "kubernetes/community 2019-05-06 (yaml.v3, sorting, validation notices)",
            20,
            Y::Snapshot2019,
            V::K20,
        )
    },
    Flavour {
        validation_fatal: false,
        ..k8s(
            "kubernetes-K21",
            "kubernetes/community 2019-05-06 (PrefixToPersonMap, person rule)",
            21,
            Y::Snapshot2019,
            V::K21,
        )
    },
    k8s(
        "kubernetes-K21b",
        "kubernetes/community 2019-10-04 (emeritus rules, company omitempty)",
        21,
        Y::Snapshot2019,
        V::K21Emeritus,
    ),
    k8s(
        "kubernetes-K22",
        "kubernetes/community 2020-01-23 (Owners)",
        22,
        Y::Snapshot2019,
        V::K21Emeritus,
    ),
    k8s(
        "kubernetes-K23",
        "kubernetes/community 2021-01-27 (liaisons)",
        23,
        Y::Snapshot2019,
        V::K21Emeritus,
    ),
    k8s(
        "kubernetes-K24",
        "kubernetes/community 2021-03-09 (githubURL, orgRepoPath, trimSuffix)",
        24,
        Y::Snapshot2019,
        V::K24,
    ),
    k8s(
        "kubernetes-K25",
        "kubernetes/community 2022-01-24 (Prefix, now, lastYear, toUpper)",
        25,
        Y::Snapshot2019,
        V::K24,
    ),
    k8s(
        "kubernetes-K26",
        "kubernetes/community 2022-02-07 (SIGName, WGName, ReportingWGs)",
        26,
        Y::Snapshot2019,
        V::K26,
    ),
    k8s(
        "kubernetes-K27",
        "kubernetes/community 2023-01-15 (KEPs, getReleases)",
        27,
        Y::Snapshot2020,
        V::K26,
    ),
    k8s(
        "kubernetes-K28",
        "kubernetes/community 2023-01-21 (categorized subprojects and WGs)",
        28,
        Y::Snapshot2020,
        V::K26,
    ),
    k8s(
        "kubernetes-K29",
        "kubernetes/community 2023-02-08 (vMAJOR.MINOR releases)",
        29,
        Y::Snapshot2020,
        V::K26,
    ),
    k8s(
        "kubernetes-K30",
        "kubernetes/community 2023-09-20 (subproject leads)",
        30,
        Y::Snapshot2020,
        V::K26,
    ),
    k8s(
        "kubernetes-K31",
        "kubernetes/community 2024-02-13 (filterKEPs by milestone)",
        31,
        Y::Snapshot2020,
        V::K26,
    ),
    k8s(
        "kubernetes-K32",
        "kubernetes/community 2024-10-12 (meeting calendar_url)",
        32,
        Y::Snapshot2020,
        V::K26,
    ),
    k8s(
        "kubernetes-K33",
        "kubernetes/community 2024-11-20 (person email)",
        33,
        Y::Snapshot2020,
        V::K26,
    ),
    k8s(
        "kubernetes-K34",
        "kubernetes/community 2025-10-23 (gb_rep)",
        34,
        Y::V301,
        V::K34,
    ),
    k8s(
        "kubernetes-K35",
        "kubernetes/community 2026-01-26 to today",
        35,
        Y::V301,
        V::K34,
    ),
    Flavour {
        fork: Fork::Icon,
        ..k8s(
            "icon",
            "icon-project/community 2022-08 (fork of kubernetes K26, Discord)",
            26,
            Y::Snapshot2019,
            V::K26,
        )
    },
    Flavour {
        fork: Fork::Kubeflow,
        data_file: "wgs.yaml",
        list_output: "wg-list.md",
        liaisons: false,
        label_rule: LabelRule::None,
        sig_subprojects: SigSubprojects::Forbidden,
        ..k8s(
            "kubeflow",
            "kubeflow/community 2020-08 to today (fork of kubernetes K22)",
            22,
            Y::Snapshot2019,
            V::K21Emeritus,
        )
    },
    Flavour {
        fork: Fork::KubevirtPr,
        template_dir: "tools/sigs/generator",
        ..k8s(
            "kubevirt-pr",
            "kubevirt/community PR copy 2023-08 (kubernetes K29, tools/sigs/generator)",
            29,
            Y::V301,
            V::K26,
        )
    },
    Flavour {
        fork: Fork::OperatorFramework,
        ..k8s(
            "operator-framework",
            "operator-framework/community 2019-11 to 2021-10 (vendored kubernetes K21)",
            21,
            Y::Snapshot2019,
            V::K21Emeritus,
        )
    },
    Flavour {
        fork: Fork::BuiltIn,
        ..k8s(
            "sigs-lint",
            "sigs-lint's built-in templates (kubernetes K35 types, plus ICON's contact.discord)",
            35,
            // No generator rewrites the data file: no canonical form to hold it to.
            Y::None,
            // No community generator stands behind the built-in set: no upstream validation, the
            // rules' findings are the whole verdict (warnings unless the config raises them).
            V::None,
        )
    },
];

/// The newest kubernetes flavour (for repositories that keep only templates).
pub fn newest() -> &'static Flavour {
    by_id("kubernetes-K35").expect("K35 is known")
}

pub fn by_id(id: &str) -> Option<&'static Flavour> {
    KNOWN.iter().find(|f| f.id == id)
}

impl Flavour {
    /// `Person.Company` gained `omitempty` on 2019-10-04 (inside K21).
    pub fn company_omitempty(&self) -> bool {
        self.epoch >= 22 || self.validation >= Validation::K21Emeritus
    }

    pub fn sorting(&self) -> Sorting {
        if self.epoch >= 20 {
            Sorting::Full
        } else {
            Sorting::LowerName
        }
    }

    /// The README data keeps the YAML `dir` (K20+); before, the copy gets `DirName(prefix)`, and
    /// the README is written there.
    pub fn readme_dir_from_yaml(&self) -> bool {
        self.epoch >= 20
    }

    /// A community generator dies on a missing template it needs; sigs-lint's own flavour writes
    /// what it has templates for.
    pub fn needs_every_template(&self) -> bool {
        self.fork != Fork::BuiltIn
    }

    /// The type tree, built once per flavour.
    pub fn tree(&'static self) -> &'static types::TypeTree {
        static CACHE: OnceLock<Mutex<HashMap<&'static str, &'static types::TypeTree>>> =
            OnceLock::new();
        let mut cache = CACHE
            .get_or_init(Default::default)
            .lock()
            .unwrap_or_else(|e| e.into_inner());
        cache
            .entry(self.id)
            .or_insert_with(|| Box::leak(Box::new(types::tree(self))))
    }

    /// The template function names of this flavour (Go's builtins come on top).
    pub fn func_names(&self) -> Vec<&'static str> {
        let e = self.epoch;
        let mut out = vec!["tzUrlEncode", "trimSpace"];
        if e >= 24 {
            out.extend(["trimSuffix", "githubURL", "orgRepoPath"]);
        }
        if e >= 25 {
            out.extend(["now", "lastYear", "toUpper"]);
        }
        if e >= 27 {
            out.extend(["filterKEPs", "getReleases"]);
        }
        if e >= 28 {
            out.extend(["getCategorizedSubprojects", "getCategorizedWorkingGroups"]);
        }
        out
    }

    /// The group kinds this flavour iterates, with the README template of each.
    pub fn group_kinds(&self) -> Vec<crate::model::GroupKind> {
        use crate::model::GroupKind as K;
        let mut kinds = vec![K::Sig, K::WorkingGroup];
        if self.epoch >= 17 {
            kinds.push(K::UserGroup);
        }
        if self.epoch >= 18 {
            kinds.push(K::Committee);
        }
        kinds
    }

    /// One line for reports: who runs this generator, its id, its data file, templates and outputs.
    pub fn summary(&self) -> String {
        format!(
            "{} [{}]: data {}, templates {}/, outputs <dir>/README.md, {}, OWNERS_ALIASES{}",
            self.title,
            self.id,
            self.data_file,
            self.template_dir,
            self.list_output,
            if self.liaisons { ", liaisons.md" } else { "" }
        )
    }
}
