//! The generator pipeline: the data templates see (derived fields, sorting) and the functions they
//! can call.

pub mod custom;
pub mod data;
pub mod docs;
pub mod funcs;
pub mod render;
pub mod write;

pub use data::context;
pub use funcs::generator_funcs;
