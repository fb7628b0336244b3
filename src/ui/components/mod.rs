//! Reusable pieces, one component per file.

pub mod actions;
pub mod banners;
pub mod contacts_import;
pub mod customer_form;
pub mod customer_list;
pub mod field;
pub mod phase_badge;
pub mod phase_stepper;
pub mod playbook_editor;
pub mod sample_data;
pub mod template_editor;
pub mod timeline;
