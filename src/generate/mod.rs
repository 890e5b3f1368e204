//! The generator pipeline: which files a flavour's generator writes from which templates
//! ([`plan`]), rendering ([`render`]), custom-content blocks ([`custom`]), and every finding about
//! the committed files ([`compare`], with its [`diff`]). The template data and functions come from
//! the flavour ([`crate::flavour`]); the commands that drive the pipeline are in
//! `commands`.

pub mod compare;
pub mod custom;
pub mod diff;
pub mod plan;
pub mod render;

use crate::flavour::{self, Flavour};
use crate::model::SigsYaml;
use crate::template::{FuncMap, Value};

/// The flavour of sigs-lint's built-in templates (kubernetes K35 types with ICON's discord).
pub fn built_in() -> &'static Flavour {
    flavour::by_id("sigs-lint").expect("the built-in flavour is known")
}

/// The template data (`Context`) of the built-in flavour for a model.
pub fn context(model: &SigsYaml) -> Value {
    flavour::data::context(built_in(), model)
}

/// The function map of the built-in flavour.
pub fn generator_funcs() -> FuncMap {
    flavour::funcs::func_map(built_in())
}
