//! What people see: standard error (notes, warnings, verbose logs, the progress bar), the one
//! way results reach standard output, and how text from outside is made safe to show.

pub mod json;
pub mod pace;
pub mod printer;
pub mod progress;
pub mod stdout;
pub mod text;

pub use printer::Printer;
