//! Where an input's rows go: the operations it names and the problems it finds. The plan
//! builder takes them; the readers of `input/` know nothing of plans, and `plan/` nothing of
//! files, so each can be built and tested alone.

use super::{Action, Change, Invalid, Operation, Origin};

pub trait Rows {
    /// The change `action` makes with `value` (a tag's text checked once however often it
    /// comes, and shared by every row that names it).
    fn change(&mut self, action: Action, value: &str) -> Result<Change, Invalid>;
    /// An operation a row asks for.
    fn push(&mut self, op: Operation, origin: Origin);
    /// A row that cannot be used, and why.
    fn error(&mut self, origin: Origin, reason: String);
    /// Why reading stopped early (an input that never ends, a line too long, …).
    fn stopped(&mut self, origin: Origin, reason: String);
    /// Whether rows go to tenants by a `Tenant` column (a run over many tenants); else such a
    /// column is ignored like any other.
    fn routes_tenants(&self) -> bool {
        false
    }
    /// The tenant the row at `origin` names, before its operation is pushed.
    fn tenant(&mut self, _origin: &Origin, _key: &str) {}
}
