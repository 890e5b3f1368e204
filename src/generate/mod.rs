//! The generator pipeline: the data templates see (derived fields, sorting) and the functions they
//! can call.

pub mod data;
pub mod funcs;
pub mod render;

pub use data::context;
pub use funcs::generator_funcs;
