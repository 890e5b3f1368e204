//! The generator pipeline: which files a flavour's generator writes from which templates
//! ([`docs`]), rendering ([`render`]), custom-content blocks ([`custom`]) and writing ([`write`]).
//! The template data and functions come from the flavour ([`crate::flavour`]).

pub mod custom;
pub mod docs;
pub mod render;
pub mod write;

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
