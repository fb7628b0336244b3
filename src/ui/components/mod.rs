//! Reusable pieces, one component per file.

pub mod banners;
pub mod customer_form;
pub mod customer_list;
pub mod field;
pub mod phase_badge;
pub mod sample_data;
