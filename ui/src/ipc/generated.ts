// Generated from the Rust types by src-tauri/src/bindings.rs (ts-rs). Do not edit:
// `ASL_WRITE_FIXTURES=1 cargo test -p asl-studio --test bindings` rewrites it.
/* eslint-disable */

export type JsonValue = number | string | boolean | JsonValue[] | { [key: string]: JsonValue } | null;

export type Snapshot = { revision: number, path: string | null, title: string, format: FormatDto, text: string, dirty: boolean, canUndo: boolean, canRedo: boolean, 
/**
 * Set while the text does not parse; states, scopes and layout are then those of the
 * last good text.
 */
parseError: Problem | null, states: Array<StateInfo>, scopes: Array<ScopeInfo>, problems: Array<Problem>, layout: Layout, };

export type FormatDto = "json" | "yaml";

export type TextRange = { from: number, to: number, line: number, column: number, };

export type Problem = { code: string, severity: Severity, message: string, pointer: string, 
/**
 * The innermost state the problem sits in (None: the machine itself).
 */
statePointer: string | null, range: TextRange, 
/**
 * The pointer of the problem this one follows from (a state cut off by a dangling
 * transition): the panel lists it under that one, so one typo is one row.
 */
causedBy?: string, 
/**
 * Set on a problem others follow from: what they add up to, in words
 * ("39 states unreachable because \"Next\" of \"Step 10\" names a missing state").
 */
groupTitle?: string, 
/**
 * The obvious repair, one edit (one undo step) sent back through `document_edit`.
 */
fix?: { title: string, edit: DocumentEdit, }, };

export type StateInfo = { pointer: string, name: string, type: string, scope: string, 
/**
 * The state's object as written.
 */
json: { [key: string]: JsonValue }, range: TextRange, queryLanguage: "JSONPath" | "JSONata", };

export type ScopeInfo = { pointer: string, startAt: string | null, owner: string | null, 
/**
 * The query language a state added here without its own `QueryLanguage` has (the
 * scope's, else its owner's, else the machine's, else JSONPath): what templates are
 * written in.
 */
queryLanguage: "JSONPath" | "JSONata", };

export type DiskDiff = { mine: string, theirs: string, };

export type MachineEntry = { id: string, kind: string, line: number, column: number, 
/**
 * The referenced definition file, if the definition lives in one.
 */
definitionFile: string | null, 
/**
 * Why the definition cannot be written back (it then opens as an untitled copy).
 */
readonly: string | null, };

export type MachinePick = { path: string, machines: Array<MachineEntry> | null, };

export type Substitution = { 
/**
 * `Name` for `${Name}`; the short form for an intrinsic (`!GetAtt F.Arn`).
 */
name: string, value: string | null, origin: Origin, };

export type Origin = "user" | "template" | "parameter" | "generated" | "unresolved";

export type StateDiff = { 
/**
 * Pointers (in `local`) of states `base` does not have.
 */
added: Array<string>, 
/**
 * Pointers (in `local`) of states whose data differs from `base`'s.
 */
changed: Array<string>, 
/**
 * Names of the states only `base` has.
 */
removed: Array<string>, 
/**
 * The top-level fields (`StartAt`, `Comment`, `TimeoutSeconds`, ...) differ.
 */
machineChanged: boolean, };

export type CloudStatus = { 
/**
 * `AWS Step Functions in eu-west-1`, or the endpoint.
 */
target: string, region: string | null, };

export type CloudDiff = { arn: string, name: string, 
/**
 * The deployed definition, as AWS returns it.
 */
deployed: string, 
/**
 * What a deploy would send.
 */
local: string, states: StateDiff, 
/**
 * What a deploy changes in the text to make it deployable (YAML as JSON, JSONC).
 */
note: string | null, 
/**
 * The open document has errors: a deploy is refused.
 */
localErrors: number, server: unknown, };

export type Severity = "error" | "warning";

export type Layout = { 
/**
 * Width of the whole drawing.
 */
width: number, 
/**
 * Height of the whole drawing.
 */
height: number, 
/**
 * Containers come before their contents (draw in this order).
 */
nodes: Array<LayoutNode>, 
/**
 * Every edge, with its route.
 */
edges: Array<LayoutEdge>, };

export type LayoutNode = { 
/**
 * Unique and stable: the state's JSON pointer, `<scope>#start`, `<scope>#end`, ...
 */
id: string, 
/**
 * The state name (for a missing target: the name it is called by).
 */
state: string | null, 
/**
 * `Task`, `Choice`, ..., or `Start`, `End`, `Branch`, `Missing`.
 */
type: string, 
/**
 * Left edge.
 */
x: number, 
/**
 * Top edge.
 */
y: number, 
/**
 * Box width.
 */
width: number, 
/**
 * Box height.
 */
height: number, 
/**
 * The id of the container around this node.
 */
parent: string | null, 
/**
 * The state's (or branch's, or scope's for Start/End) JSON pointer.
 */
pointer: string | null, 
/**
 * The text lines to draw: the wrapped name (a container's title).
 */
lines: Array<string>, 
/**
 * The small line under the name (beside a container's title): the service and
 * action of a Task (`Lambda: Invoke`), else the type; cut to fit; may be empty.
 */
caption: string, 
/**
 * A Map or Parallel (with its scopes inside), or a Parallel branch.
 */
container: boolean, 
/**
 * The title bar at the top of a container (0 otherwise).
 */
titleHeight: number, 
/**
 * No path from its scope's Start leads here.
 */
unreachable: boolean, 
/**
 * How many containers are around it.
 */
depth: number, };

export type LayoutEdge = { 
/**
 * The source node's `id`.
 */
from: string, 
/**
 * The target node's `id`.
 */
to: string, 
/**
 * `Start`, `Next`, `Default`, `ChoiceRule`, `Catch`, `End`, `BranchStart`,
 * `IterationStart` (the names of [`crate::EdgeKind`]).
 */
kind: "Start" | "Next" | "Default" | "ChoiceRule" | "Catch" | "End" | "BranchStart" | "IterationStart", 
/**
 * The rule or catcher index.
 */
index: number | null, 
/**
 * The label text, unwrapped (see [`crate::Edge::label`]).
 */
label: string | null, 
/**
 * An orthogonal polyline from the source's border to the target's border.
 */
points: Array<[number, number]>, 
/**
 * Where the label goes (centred on the line: draw it with a background).
 */
labelBox: Rect | null, 
/**
 * The label wrapped to fit `label_box`.
 */
labelLines: Array<string>, 
/**
 * Goes against the flow (a loop): drawn upward, around the side.
 */
back: boolean, 
/**
 * The field that makes this transition (see [`crate::Edge::pointer`]).
 */
pointer: string | null, 
/**
 * The transition as edits address it; `None` for edges no edit can insert on or
 * reconnect (a Succeed's or Fail's end, branch and iteration starts).
 */
transition: EdgeTransition | null, };

export type EdgeTransition = { 
/**
 * Pointer of the state (of the scope for `start`).
 */
from: string, 
/**
 * Pointer of the scope the state is in.
 */
scope: string, 
/**
 * Which of the state's transitions.
 */
transition: Transition, };

export type Rect = { 
/**
 * Left edge.
 */
x: number, 
/**
 * Top edge.
 */
y: number, 
/**
 * Width.
 */
width: number, 
/**
 * Height.
 */
height: number, };

export type DocumentEdit = { "kind": "add_state", 
/**
 * Pointer of the scope.
 */
scope: string, 
/**
 * The new state's name, unique in the whole machine.
 */
name: string, 
/**
 * The state object.
 */
state: unknown, } | { "kind": "insert_between", 
/**
 * Pointer of the state whose transition gets the new state (the scope for `Start`).
 */
from: string, 
/**
 * Which of its transitions.
 */
transition: Transition, 
/**
 * The new state's name, unique in the whole machine.
 */
name: string, 
/**
 * The state object.
 */
state: unknown, } | { "kind": "connect", 
/**
 * Pointer of the state (the scope for [`Transition::Start`]).
 */
from: string, 
/**
 * Which of its transitions.
 */
transition: Transition, 
/**
 * The target state's name.
 */
target: string, } | { "kind": "disconnect", 
/**
 * Pointer of the state.
 */
from: string, 
/**
 * Which of its transitions.
 */
transition: Transition, } | { "kind": "set_field", 
/**
 * Pointer of the field; `""` is the document.
 */
pointer: string, 
/**
 * The new value.
 */
value: unknown, } | { "kind": "remove_field", 
/**
 * Pointer of the member or element.
 */
pointer: string, } | { "kind": "rename_state", 
/**
 * Pointer of the state.
 */
pointer: string, 
/**
 * The new name, unique in the whole machine.
 */
new_name: string, } | { "kind": "delete_state", 
/**
 * Pointer of the state.
 */
pointer: string, } | { "kind": "move_state", 
/**
 * Pointer of the state.
 */
pointer: string, 
/**
 * Pointer of the destination scope.
 */
scope: string, } | { "kind": "insert_item", 
/**
 * Pointer of the state.
 */
state: string, 
/**
 * Which list.
 */
list: ItemList, 
/**
 * Where to insert; `None` appends.
 */
index: number | null, 
/**
 * The item, a JSON object.
 */
value: unknown, } | { "kind": "remove_item", 
/**
 * Pointer of the state.
 */
state: string, 
/**
 * Which list.
 */
list: ItemList, 
/**
 * Position of the item.
 */
index: number, } | { "kind": "move_item", 
/**
 * Pointer of the state.
 */
state: string, 
/**
 * Which list.
 */
list: ItemList, 
/**
 * Current position of the item.
 */
from: number, 
/**
 * Its new position.
 */
to: number, } | { "kind": "replace_text", 
/**
 * The new text.
 */
text: string, } | { "kind": "batch", 
/**
 * The edits, applied in order.
 */
edits: Array<DocumentEdit>, };

export type Transition = { "kind": "start" } | { "kind": "next" } | { "kind": "default" } | { "kind": "choice_rule", "index": number } | { "kind": "catch", "index": number };

export type ItemList = "Choices" | "Retry" | "Catch" | "Branches";

export type Update = Snapshot | SnapshotDelta;

export type SnapshotDelta = { 
/**
 * The revision of the snapshot this delta applies to.
 */
base: number, revision: number, path: string | null, title: string, format: FormatDto, dirty: boolean, canUndo: boolean, canRedo: boolean, parseError: Problem | null, 
/**
 * The new text: the old one with these splices made (all on the old text, in
 * order). An edit's own splices when the change was edits, undo or redo; the diff
 * of the two texts otherwise (typed or reloaded text). The code view applies them.
 */
splices: Array<TextSplice>, 
/**
 * How the text ranges of kept states and problems moved (see [`Shifts::apply`]).
 */
shifts: Shifts, states: Array<Part<StateInfo>>, 
/**
 * A few entries (one per scope): always sent whole.
 */
scopes: Array<ScopeInfo>, problems: Array<Part<Problem>>, layoutWidth: number, layoutHeight: number, nodes: Array<Part<LayoutNode>>, edges: Array<Part<LayoutEdge>>, };

export type TextSplice = { from: number, to: number, insert: string, };

export type Shift = { at: number, by: number, lines: number, };

export type Shifts = Array<Shift>;

export type Part<T> = { "old": [number, number] } | { "new": Array<T> };

export type DraftInfo = { id: string, path: string | null, title: string, savedAt: number, };

export type SampleInfo = { name: string, path: string, description: string, };

export type Settings = { 
/**
 * `light`, `dark` or `system` (follow the desktop).
 */
theme: "light" | "dark" | "system", };

export type DiskChangeEvent = { "kind": "reloaded", snapshot: Snapshot, } | { "kind": "conflict", path: string, } | { "kind": "deleted", path: string, } | { "kind": "unreadable", path: string, message: string, };

export type IpcError = { code: string, message: string, };

export type ActionSummary = { 
/**
 * The request-response `Resource`; add a pattern's suffix for the others.
 */
resource: string, 
/**
 * The service's full name (`Amazon DynamoDB`).
 */
service: string, 
/**
 * The service's short id (`DynamoDB`).
 */
serviceId: string, 
/**
 * The action in PascalCase (`PutItem`).
 */
action: string, kind: IntegrationKind, patterns: Array<Pattern>, 
/**
 * The first sentence of the action's documentation.
 */
doc: string, };

export type Action = { summary: ActionSummary, input: string | null, shapes: { [key in string]: Shape }, 
/**
 * Error names for `ErrorEquals`, as Step Functions reports them.
 */
errors: Array<string>, };

export type Shape = { kind: ShapeKind, doc: string, enumValues: Array<string>, min: number | null, max: number | null, 
/**
 * A structure's fields, in the model's order.
 */
members: Array<Member>, 
/**
 * A structure of which exactly one member may be set.
 */
union: boolean, 
/**
 * A list's item shape.
 */
item: string | null, 
/**
 * A map's key and value shapes.
 */
key: string | null, value: string | null, };

export type ShapeKind = "string" | "integer" | "long" | "double" | "float" | "boolean" | "timestamp" | "blob" | "structure" | "list" | "map" | "json";

export type Member = { 
/**
 * The field name as Step Functions takes it (PascalCase).
 */
name: string, shape: string, required: boolean, 
/**
 * The member's own doc sentence; empty when its shape's says it.
 */
doc: string, };

export type IntegrationKind = "optimised" | "sdk" | "mapItems";

export type Pattern = "requestResponse" | "sync" | "sync2" | "waitForTaskToken";

export type QueryLanguage = "JSONPath" | "JSONata";

export type RunConfig = { 
/**
 * The execution input (AWS's default: `{}`).
 */
input?: JsonValue, mocks?: MockChoice, clock?: ClockChoice, 
/**
 * Standard keeps AWS's 25,000-event history limit; Express lifts it (the history is
 * still recorded here, as an Express machine's CloudWatch log would show it).
 */
executionType?: ExecutionTypeChoice, 
/**
 * Run the local commands of the machine's run configuration (`NAME.run.json`); the
 * user's consent for this file, asked once by the UI.
 */
allowCommands?: boolean, breakpoints?: Array<BreakpointSpec>, 
/**
 * Let the mocks answer `.waitForTaskToken` tasks at once (as `asl run` does). By
 * default such a task waits for the user's Approve/Reject.
 */
mockCallbacks?: boolean, 
/**
 * Also pause when a Retrier schedules a retry / a Catcher handles an error.
 */
stopOnRetry?: boolean, stopOnCatch?: boolean, 
/**
 * Ends a runaway loop after this many transitions (default: the engine's).
 */
maxTransitions?: number | null, 
/**
 * Begin at a state of an earlier run, with the input and variables it had there,
 * instead of at `StartAt`; `input` is then not used.
 */
rerunFrom?: RerunFrom | null, };

export type MockChoice = { "kind": "none" } | { "kind": "file", file: string, testCase?: string | null, stateMachine?: string | null, } | { "kind": "inline", mocks: JsonValue, testCase?: string | null, stateMachine?: string | null, };

export type ClockChoice = "virtual" | "real";

export type ExecutionTypeChoice = "standard" | "express";

export type BreakpointPlace = "beforeEnter" | "afterExit" | "retry" | "catch";

export type BreakpointSpec = { pointer?: string | null, 
/**
 * Wins over `pointer` when both are given.
 */
path?: string | null, place?: BreakpointPlace, 
/**
 * A JSONPath (`$.urgent`: holds when it selects something other than null, false or
 * `[]`) or, for anything else, a JSONata expression (`$states.input.amount > 1000`,
 * `{% ... %}`).
 */
condition?: string | null, };

export type RerunFrom = { run: number, 
/**
 * The state's JSON pointer in the text that ran (`/States/P/Branches/1/States/A`).
 */
pointer: string, 
/**
 * Which of its executions (from 0, in the order entered; every branch and iteration
 * counts): a state in a loop or a Map runs more than once.
 */
execution?: number, };

export type DebugCommand = { "kind": "continue" } | { "kind": "pause" } | { "kind": "stepOver" } | { "kind": "stepInto", index?: number | null, } | { "kind": "stepOut" } | { "kind": "stop" } | { "kind": "skipWait" };

export type CallbackOutcome = { "kind": "success", output: JsonValue, } | { "kind": "failure", error?: string, cause?: string, } | { "kind": "heartbeat" };

export type RunSources = { 
/**
 * The machine's folder (none for a document never saved).
 */
dir: string | null, mockFiles: Array<MockFileInfo>, testFiles: Array<TestFileInfo>, 
/**
 * The run configuration's file name, when there is one.
 */
runConfig: string | null, 
/**
 * The states and resources it maps to local commands.
 */
commands: Array<string>, 
/**
 * The text of the example input beside the machine (`NAME.input.json`, else
 * `input.json`): the run input until the user types another for this file.
 */
exampleInput: string | null, };

export type MockFileInfo = { 
/**
 * The file's name in the machine's folder.
 */
file: string, 
/**
 * `plain` (`{"State": [{"return": ...}]}`) or `configFile` (Step Functions Local).
 */
kind: string, 
/**
 * Plain: the states mocked.
 */
states: Array<string>, 
/**
 * Config file: each state machine with its test case names.
 */
stateMachines: Array<MockMachine>, };

export type MockMachine = { name: string, testCases: Array<string>, };

export type TestFileInfo = { file: string, cases: Array<string>, 
/**
 * Why the file's cases cannot be read, if they cannot.
 */
error: string | null, };

export type RunEvent = { "event": "stateEntered", 
/**
 * Where the state runs: `Name`, `Parallel/1/Name`, `Map/3/Name`.
 */
path: string, 
/**
 * The state's JSON pointer in the definition.
 */
pointer: string, 
/**
 * The state's `Type`.
 */
stateType: string, 
/**
 * The state's input (as edited at a pause before it).
 */
input: JsonValue, 
/**
 * The state of the same branch/iteration it was entered from (its pointer);
 * `None` for the first state of its scope: the transition taken is `from -> pointer`.
 */
from: string | null, } | { "event": "stateExited", 
/**
 * Where the state runs: `Name`, `Parallel/1/Name`, `Map/3/Name`.
 */
path: string, 
/**
 * The state's JSON pointer in the definition.
 */
pointer: string, 
/**
 * The state's output (as edited at a pause after it).
 */
output: JsonValue, 
/**
 * Its processing stages, when the run records them.
 */
inspection: Inspection | null, 
/**
 * It ended its scope (End, Succeed): no state of its branch/iteration follows.
 */
ends: boolean, } | { "event": "paused" } & Paused | { "event": "resumed", 
/**
 * Where the state runs: `Name`, `Parallel/1/Name`, `Map/3/Name`.
 */
path: string, 
/**
 * The state's JSON pointer in the definition.
 */
pointer: string, 
/**
 * `continue`, `stepOver`, `stepInto` or `stepOut`.
 */
command: string, } | { "event": "retryScheduled", 
/**
 * Where the state runs: `Name`, `Parallel/1/Name`, `Map/3/Name`.
 */
path: string, 
/**
 * The state's JSON pointer in the definition.
 */
pointer: string, 
/**
 * The error name.
 */
error: string, 
/**
 * The retry about to run: 1 for the first.
 */
attempt: number, 
/**
 * The backoff before the retry, in seconds.
 */
delaySeconds: number, } | { "event": "caught", 
/**
 * Where the state runs: `Name`, `Parallel/1/Name`, `Map/3/Name`.
 */
path: string, 
/**
 * The state's JSON pointer in the definition.
 */
pointer: string, 
/**
 * The error name.
 */
error: string, 
/**
 * The Catcher's Next (a state name of the same scope).
 */
next: string, } | { "event": "failed", 
/**
 * Where the state runs.
 */
path: string, 
/**
 * The state's JSON pointer.
 */
pointer: string, 
/**
 * The error name (`States.TaskFailed`, a Fail state's `Error`, ...).
 */
error: string, 
/**
 * The error's cause (a message, often JSON).
 */
cause: string, } | { "event": "mapRunProgress", 
/**
 * Where the state runs: `Name`, `Parallel/1/Name`, `Map/3/Name`.
 */
path: string, 
/**
 * The state's JSON pointer in the definition.
 */
pointer: string, 
/**
 * The Map Run's ARN (Distributed Map only).
 */
mapRunArn: string | null, 
/**
 * Iterations/child executions in all, once known.
 */
total: number | null, 
/**
 * Iterations/child executions that succeeded so far.
 */
succeeded: number, 
/**
 * Iterations/child executions that failed so far.
 */
failed: number, 
/**
 * Iterations/child executions started and not yet ended.
 */
running: number, 
/**
 * The Map state has ended (these are its final counts).
 */
finished: boolean, } | { "event": "waitingForCallback" } & WaitingCallback | { "event": "callbackAnswered", 
/**
 * The task token answered.
 */
token: string, 
/**
 * SendTaskSuccess, SendTaskFailure or SendTaskHeartbeat.
 */
kind: CallbackAnswer, } | { "event": "finished", 
/**
 * How the execution ended.
 */
status: Status, 
/**
 * The execution's output (SUCCEEDED).
 */
output: JsonValue | null, 
/**
 * The execution's error and cause (FAILED, TIMED_OUT).
 */
error: string | null, 
/**
 * The cause of `error`.
 */
cause: string | null, };

export type Paused = { 
/**
 * Where the state runs: `Name`, `Parallel/1/Name`, `Map/3/Name`.
 */
path: string, 
/**
 * The state's JSON pointer in the definition.
 */
pointer: string, 
/**
 * Where in the state's life it stops.
 */
place: Place, 
/**
 * Why it stopped there.
 */
reason: PauseReason, 
/**
 * Container depth (0 at the top).
 */
depth: number, 
/**
 * Before entering: the input about to be processed; after exit: the state's input;
 * at a retry or catch: the error (`{"Error", "Cause"}`) or the Catcher's output.
 */
input: JsonValue, 
/**
 * After exit: the output about to go to the next state (editable).
 */
output: JsonValue | null, 
/**
 * The variables the state sees (before entering) or left behind (after exit); editable.
 */
variables: { [key in string]: JsonValue }, };

export type Place = "beforeEnter" | "afterExit" | "retry" | "catch";

export type PauseReason = "breakpoint" | "step" | "pause" | "retry" | "catch";

export type WaitingCallback = { 
/**
 * Where the task runs (`Name`, `Parallel/1/Name`).
 */
path: string, 
/**
 * The task state's JSON pointer in the definition.
 */
pointer: string, 
/**
 * The task state's name.
 */
stateName: string, 
/**
 * The task token a SendTask* call answers.
 */
token: string, 
/**
 * The parameters sent to the resource (the message carrying the token).
 */
payload: JsonValue, 
/**
 * An activity task (a worker polls it) rather than `.waitForTaskToken`.
 */
activity: boolean, 
/**
 * The task's HeartbeatSeconds, if any.
 */
heartbeatSeconds: number | null, 
/**
 * The task's TimeoutSeconds, if any.
 */
timeoutSeconds: number | null, 
/**
 * The result the run's mocks give this task, if they have one: a success answer the
 * user can start from (the engine does not know it; whoever runs it with mocks does).
 */
mockedOutput: JsonValue | null, 
/**
 * Without a mocked result: the object the state that follows expects (the fields its
 * Choice tests in the task's result), when the definition tells.
 */
outputSkeleton: JsonValue | null, };

export type CallbackAnswer = "success" | "failure" | "heartbeat";

export type Status = "SUCCEEDED" | "FAILED" | "TIMED_OUT" | "ABORTED";

export type Inspection = { 
/**
 * The state's input.
 */
input?: JsonValue | null, 
/**
 * After InputPath.
 */
afterInputPath?: JsonValue | null, 
/**
 * After Parameters (JSONPath).
 */
afterParameters?: JsonValue | null, 
/**
 * After Arguments (JSONata).
 */
afterArguments?: JsonValue | null, 
/**
 * The task's (or Pass Result's) raw result.
 */
result?: JsonValue | null, 
/**
 * After ResultSelector.
 */
afterResultSelector?: JsonValue | null, 
/**
 * After ResultPath.
 */
afterResultPath?: JsonValue | null, 
/**
 * The state's output (after OutputPath, or Output in JSONata).
 */
output?: JsonValue | null, 
/**
 * Which Retrier or Catcher handled an error, if one did.
 */
errorDetails?: ErrorDetails | null, };

export type ErrorDetails = { 
/**
 * The retrier that matched the last error, if any.
 */
retryIndex?: number | null, 
/**
 * The catcher that caught the error, if any.
 */
catchIndex?: number | null, 
/**
 * The backoff of the last retry, in seconds.
 */
retryBackoffIntervalSeconds?: number | null, };

export type RunStatus = "RUNNING" | "PAUSED" | "SUCCEEDED" | "FAILED" | "TIMED_OUT" | "ABORTED";

export type RunSummary = { id: number, 
/**
 * The machine's file (none for a document never saved).
 */
machinePath: string | null, 
/**
 * The document's title when the run started.
 */
title: string, 
/**
 * Wall-clock times, RFC 3339.
 */
startedAt: string, finishedAt: string | null, status: RunStatus, input: JsonValue, output: JsonValue | null, error: string | null, cause: string | null, 
/**
 * `virtual` or `real`.
 */
clock: ClockChoice, 
/**
 * States entered (known once finished).
 */
transitions: number | null, };

export type RunState = { 
/**
 * The state's JSON pointer in the text that ran (`/States/P/Branches/1/States/A`).
 */
pointer: string | null, 
/**
 * The state of its branch/iteration it was entered from (its pointer); none for the
 * first state of a scope.
 */
from: string | null, 
/**
 * It ended its scope (End, Succeed): no state of its branch/iteration followed.
 */
ends: boolean, 
/**
 * How it failed, when it did (before Retry and Catch decided what followed).
 */
error: string | null, cause: string | null, 
/**
 * The state's name.
 */
name: string, 
/**
 * Its `Type` (`Task`, `Choice`, ...).
 */
type: string, 
/**
 * Where the state runs: `Name`, `Parallel/1/Name`, `Map/3/Name` (branch and iteration
 * numbers from 0). The debugger keys breakpoints by it.
 */
path: string, 
/**
 * The state's input as it was entered.
 */
input: JsonValue, 
/**
 * The state's output when it exited; absent when it never did.
 */
output?: JsonValue | null, 
/**
 * Variables the state assigned on exit.
 */
variables?: { [key in string]: JsonValue } | null, 
/**
 * Its processing stages.
 */
inspection: Inspection, };

export type StateRecord = { 
/**
 * The state's name.
 */
name: string, 
/**
 * Its `Type` (`Task`, `Choice`, ...).
 */
type: string, 
/**
 * Where the state runs: `Name`, `Parallel/1/Name`, `Map/3/Name` (branch and iteration
 * numbers from 0). The debugger keys breakpoints by it.
 */
path: string, 
/**
 * The state's input as it was entered.
 */
input: JsonValue, 
/**
 * The state's output when it exited; absent when it never did.
 */
output?: JsonValue | null, 
/**
 * Variables the state assigned on exit.
 */
variables?: { [key in string]: JsonValue } | null, 
/**
 * Its processing stages.
 */
inspection: Inspection, };

export type RunRecord = { states: Array<RunState>, history: ExecutionHistory, 
/**
 * The state each history event belongs to ("" for the execution's own), in order.
 */
historyStates: Array<string>, 
/**
 * A paged record's canvas colours: per state its executions and latest status, and
 * the transitions taken (`from>to`, `^to`, `from>$`); empty when `states` are here.
 */
tally: Array<StateTally>, taken: Array<string>, pending: Paused | null, callbacks: Array<WaitingCallback>, id: number, 
/**
 * The machine's file (none for a document never saved).
 */
machinePath: string | null, 
/**
 * The document's title when the run started.
 */
title: string, 
/**
 * Wall-clock times, RFC 3339.
 */
startedAt: string, finishedAt: string | null, status: RunStatus, input: JsonValue, output: JsonValue | null, error: string | null, cause: string | null, 
/**
 * `virtual` or `real`.
 */
clock: ClockChoice, 
/**
 * States entered (known once finished).
 */
transitions: number | null, eventCount: number, stateCount: number, 
/**
 * `states` and `history.events` are empty: read them with the page commands.
 */
paged: boolean, };

export type ExecutionHistory = { events: Array<HistoryEvent>, };

export type HistoryEvent = { timestamp: string, type: string, id: number, previousEventId: number, [details: string]: JsonValue };

export type Extent = { eventCount: number, stateCount: number, 
/**
 * `states` and `history.events` are empty: read them with the page commands.
 */
paged: boolean, };

export type StateTally = { pointer: string, 
/**
 * Times entered: loops, Map iterations and Parallel branches add up.
 */
entered: number, 
/**
 * How its latest execution stands.
 */
status: TallyStatus, 
/**
 * The latest execution's error, when it failed.
 */
error: string | null, };

export type ServeStatus = { url: string | null, };

export type WatchedEvent = { run: number, } & ({ "event": "stateEntered", 
/**
 * Where the state runs: `Name`, `Parallel/1/Name`, `Map/3/Name`.
 */
path: string, 
/**
 * The state's JSON pointer in the definition.
 */
pointer: string, 
/**
 * The state's `Type`.
 */
stateType: string, 
/**
 * The state's input (as edited at a pause before it).
 */
input: JsonValue, 
/**
 * The state of the same branch/iteration it was entered from (its pointer);
 * `None` for the first state of its scope: the transition taken is `from -> pointer`.
 */
from: string | null, } | { "event": "stateExited", 
/**
 * Where the state runs: `Name`, `Parallel/1/Name`, `Map/3/Name`.
 */
path: string, 
/**
 * The state's JSON pointer in the definition.
 */
pointer: string, 
/**
 * The state's output (as edited at a pause after it).
 */
output: JsonValue, 
/**
 * Its processing stages, when the run records them.
 */
inspection: Inspection | null, 
/**
 * It ended its scope (End, Succeed): no state of its branch/iteration follows.
 */
ends: boolean, } | { "event": "paused" } & Paused | { "event": "resumed", 
/**
 * Where the state runs: `Name`, `Parallel/1/Name`, `Map/3/Name`.
 */
path: string, 
/**
 * The state's JSON pointer in the definition.
 */
pointer: string, 
/**
 * `continue`, `stepOver`, `stepInto` or `stepOut`.
 */
command: string, } | { "event": "retryScheduled", 
/**
 * Where the state runs: `Name`, `Parallel/1/Name`, `Map/3/Name`.
 */
path: string, 
/**
 * The state's JSON pointer in the definition.
 */
pointer: string, 
/**
 * The error name.
 */
error: string, 
/**
 * The retry about to run: 1 for the first.
 */
attempt: number, 
/**
 * The backoff before the retry, in seconds.
 */
delaySeconds: number, } | { "event": "caught", 
/**
 * Where the state runs: `Name`, `Parallel/1/Name`, `Map/3/Name`.
 */
path: string, 
/**
 * The state's JSON pointer in the definition.
 */
pointer: string, 
/**
 * The error name.
 */
error: string, 
/**
 * The Catcher's Next (a state name of the same scope).
 */
next: string, } | { "event": "failed", 
/**
 * Where the state runs.
 */
path: string, 
/**
 * The state's JSON pointer.
 */
pointer: string, 
/**
 * The error name (`States.TaskFailed`, a Fail state's `Error`, ...).
 */
error: string, 
/**
 * The error's cause (a message, often JSON).
 */
cause: string, } | { "event": "mapRunProgress", 
/**
 * Where the state runs: `Name`, `Parallel/1/Name`, `Map/3/Name`.
 */
path: string, 
/**
 * The state's JSON pointer in the definition.
 */
pointer: string, 
/**
 * The Map Run's ARN (Distributed Map only).
 */
mapRunArn: string | null, 
/**
 * Iterations/child executions in all, once known.
 */
total: number | null, 
/**
 * Iterations/child executions that succeeded so far.
 */
succeeded: number, 
/**
 * Iterations/child executions that failed so far.
 */
failed: number, 
/**
 * Iterations/child executions started and not yet ended.
 */
running: number, 
/**
 * The Map state has ended (these are its final counts).
 */
finished: boolean, } | { "event": "waitingForCallback" } & WaitingCallback | { "event": "callbackAnswered", 
/**
 * The task token answered.
 */
token: string, 
/**
 * SendTaskSuccess, SendTaskFailure or SendTaskHeartbeat.
 */
kind: CallbackAnswer, } | { "event": "finished", 
/**
 * How the execution ended.
 */
status: Status, 
/**
 * The execution's output (SUCCEEDED).
 */
output: JsonValue | null, 
/**
 * The execution's error and cause (FAILED, TIMED_OUT).
 */
error: string | null, 
/**
 * The cause of `error`.
 */
cause: string | null, });

export type TallyStatus = "running" | "succeeded" | "failed";

export type HistoryQuery = { offset?: number, limit: number, 
/**
 * Words that must all occur (case-insensitive) in the event's type or its state's
 * name, as the history view's filter box has always matched.
 */
filter?: string | null, };

export type HistoryPage = { 
/**
 * Events in the history.
 */
total: number, 
/**
 * Events matching the filter (`total` without one).
 */
matched: number, 
/**
 * The index of the first row among the matching events.
 */
offset: number, 
/**
 * The first event's timestamp: the zero of the execution clock the view shows.
 */
startedAt: string | null, rows: Array<HistoryRow>, };

export type HistoryRow = { state: string, event: HistoryEvent, };

export type ExecutionsQuery = { pointer?: string | null, 
/**
 * `Name`, `Parallel/1/Name`, `Map/3/Name`: one branch's or iteration's runs only.
 */
path?: string | null, 
/**
 * None: the newest `limit` executions.
 */
offset?: number | null, limit: number, };

export type StateExecutions = { 
/**
 * Executions of the state in the whole run.
 */
total: number, 
/**
 * The index (from 0, in the order they were entered) of the first one here.
 */
offset: number, executions: Array<RunState>, };

export type IterationsQuery = { pointer: string, offset?: number, limit: number, failedOnly?: boolean, };

export type IterationStatus = "succeeded" | "failed" | "running";

export type MapIteration = { 
/**
 * Its index among the Map's items, from 0.
 */
index: number, status: IterationStatus, 
/**
 * From its `MapIterationStarted` to its end in the history (execution time: virtual
 * on the virtual clock); none while it runs or when the history cannot tell.
 */
durationMs: number | null, 
/**
 * The input of its first state.
 */
input: JsonValue | null, 
/**
 * The output of the state that ended it.
 */
output: JsonValue | null, 
/**
 * How it failed (the last failure of a state in it), when it did.
 */
error: string | null, cause: string | null, 
/**
 * The state that opens it on the canvas: the one that failed, else the last one run.
 */
pointer: string | null, 
/**
 * Which execution of that state it is (the index `run_state_executions` takes).
 */
execution: number, };

export type MapIterations = { 
/**
 * Iterations in all.
 */
total: number, 
/**
 * Of which failed.
 */
failed: number, 
/**
 * Iterations the filter keeps (`total` without it).
 */
matched: number, offset: number, rows: Array<MapIteration>, };

export type ChoicePreview = { 
/**
 * `state`: the input this Choice got in the last run that reached it; `execution`:
 * the last run's input (no run reached it); none: no run of this document yet.
 */
inputFrom: string | null, input: unknown, 
/**
 * The rule that matched (from 0); none for the Default or an error.
 */
rule: number | null, 
/**
 * The Default was taken.
 */
default: boolean, 
/**
 * Where the execution goes next.
 */
next: string | null, error: string | null, cause: string | null, 
/**
 * Each rule alone on the same input: does it match (an error says why it cannot be
 * decided). Shown on the rules, so an And that fails shows which rule it is.
 */
rules: Array<RuleAnswer>, };

export type RuleAnswer = { matches: boolean, error: string | null, cause: string | null, };

export type TestReport = { cases: Array<CaseResult>, passed: number, failed: number, 
/**
 * Test files that could not be read, with why.
 */
errors: Array<FileError>, coverage: Coverage, };

export type CaseResult = { 
/**
 * The test file's name in the machine's folder.
 */
file: string, name: string, passed: boolean, 
/**
 * The first difference from the expectation (or why the case could not run).
 */
difference: string | null, 
/**
 * The execution's status, when it ran.
 */
status: RunStatus | null, 
/**
 * True when the case ran the open machine (and so counts for coverage).
 */
thisMachine: boolean, };

export type FileError = { file: string, error: string, };

export type Coverage = { states: Array<StateCoverage>, choiceRules: Array<ChoiceRuleCoverage>, retriers: Array<HandlerCoverage>, catchers: Array<HandlerCoverage>, 
/**
 * The test cases that ran this machine (only they count).
 */
cases: number, };

export type StateCoverage = { pointer: string, name: string, hits: number, };

export type ChoiceRuleCoverage = { statePointer: string, stateName: string, rule: RuleRef, 
/**
 * The rule's pointer (`/States/C/Choices/1`), or the Choice's for its Default.
 */
pointer: string, next: string | null, hits: number, };

export type HandlerCoverage = { statePointer: string, stateName: string, index: number, pointer: string, hits: number, };

export type RuleRef = number | "Default";
