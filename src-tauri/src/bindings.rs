//! The TypeScript declarations of every type that crosses IPC, generated from the Rust
//! types (ts-rs, through the engine crates' `ts` feature) into `ui/src/ipc/generated.ts`.
//! ts-rs was chosen over tauri-specta/specta: it derives from the serde attributes the DTOs
//! already carry (tags, camelCase, flatten, defaults), works with tauri 2 as it is and
//! with any crate below the shell, and needs no release candidate. `tests/bindings.rs`
//! fails when the committed file is stale.

use asl_session::run;
use ts_rs::{Config, TS};

/// The file's text: a header, `JsonValue`, then one `export type` per type, in this order.
pub fn typescript() -> String {
    // Counts, ids and offsets stay far below 2^53: plain numbers, as JSON.parse gives them.
    let cfg = Config::new().with_large_int("number");
    let mut out = String::from(
        "// Generated from the Rust types by src-tauri/src/bindings.rs (ts-rs). Do not edit:\n\
         // `ASL_WRITE_FIXTURES=1 cargo test -p asl-studio --test bindings` rewrites it.\n\
         /* eslint-disable */\n\n\
         export type JsonValue = number | string | boolean | JsonValue[] | { [key: string]: JsonValue } | null;\n",
    );
    let mut declare = |decl: String| {
        out.push('\n');
        out.push_str("export ");
        out.push_str(&decl);
        out.push('\n');
    };
    macro_rules! types {
        ($($t:ty),* $(,)?) => { $( declare(<$t as TS>::decl(&cfg)); )* };
    }
    types!(
        // the document
        asl_session::Snapshot,
        asl_session::FormatDto,
        asl_session::TextRange,
        asl_session::Problem,
        asl_session::StateInfo,
        asl_session::ScopeInfo,
        asl_session::DiskDiff,
        asl_session::MachineEntry,
        asl_session::MachinePick,
        asl_iac::Substitution,
        asl_iac::Origin,
        asl_session::StateDiff,
        crate::aws_commands::CloudStatus,
        crate::aws_commands::CloudDiff,
        asl_check::Severity,
        asl_graph::Layout,
        asl_graph::LayoutNode,
        asl_graph::LayoutEdge,
        asl_graph::EdgeTransition,
        asl_graph::Rect,
        // edits and what they answer
        asl_model::DocumentEdit,
        asl_model::edit::Transition,
        asl_model::edit::ItemList,
        asl_session::Update,
        asl_session::SnapshotDelta,
        asl_session::delta::TextSplice,
        asl_session::delta::Shift,
        asl_session::delta::Shifts,
        asl_session::delta::Part<asl_session::StateInfo>,
        // files, drafts, samples, settings, errors
        asl_session::drafts::DraftInfo,
        asl_session::samples::SampleInfo,
        crate::settings::Settings,
        crate::watch::DiskChangeEvent,
        crate::error::IpcError,
        // the Actions catalogue
        asl_catalogue::ActionSummary,
        asl_catalogue::Action,
        asl_catalogue::Shape,
        asl_catalogue::ShapeKind,
        asl_catalogue::Member,
        asl_catalogue::IntegrationKind,
        asl_catalogue::Pattern,
        asl_catalogue::QueryLanguage,
        // run configuration and commands
        run::RunConfig,
        run::MockChoice,
        run::ClockChoice,
        run::ExecutionTypeChoice,
        run::BreakpointPlace,
        run::BreakpointSpec,
        run::RerunFrom,
        run::DebugCommand,
        run::CallbackOutcome,
        // sources beside the machine
        run::RunSources,
        run::MockFileInfo,
        run::MockMachine,
        run::TestFileInfo,
        // the run event protocol
        run::RunEvent,
        run::Paused,
        run::Place,
        run::PauseReason,
        run::WaitingCallback,
        run::CallbackAnswer,
        run::Status,
        run::Inspection,
        run::ErrorDetails,
        // records and pages
        run::RunStatus,
        run::RunSummary,
        run::RunState,
        run::StateRecord,
        run::RunRecord,
        run::ExecutionHistory,
        run::HistoryEvent,
        run::Extent,
        run::StateTally,
        crate::serve_commands::ServeStatus,
        crate::serve_commands::WatchedEvent,
        run::TallyStatus,
        run::HistoryQuery,
        run::HistoryPage,
        run::HistoryRow,
        run::ExecutionsQuery,
        run::StateExecutions,
        run::IterationsQuery,
        run::IterationStatus,
        run::MapIteration,
        run::MapIterations,
        run::ChoicePreview,
        run::RuleAnswer,
        // tests and coverage
        run::TestReport,
        run::CaseResult,
        run::FileError,
        run::Coverage,
        run::StateCoverage,
        run::ChoiceRuleCoverage,
        run::HandlerCoverage,
        run::RuleRef,
    );
    out
}
