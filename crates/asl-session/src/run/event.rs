//! What a run tells the UI while it goes: the engine's run event protocol
//! ([`asl_eval::debug::RunEvent`]), forwarded as it is. The driver adds what only it
//! knows to the same stream — callbacks waiting and answered, and the `finished` event
//! once the record is stored — so there is one protocol, defined once.

pub use asl_eval::debug::{CallbackAnswer, Paused, RunEvent, WaitingCallback};
/// How a finished run ended (the `finished` event's status).
pub use asl_eval::Status;
/// What the events and records carry from the engine.
pub use asl_eval::{
    debug::PauseReason, debug::Place, history::HistoryEvent, ErrorDetails, Inspection, StateRecord,
};
