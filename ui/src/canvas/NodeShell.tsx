// The chrome every state node shares: type stripe, title (renamed in place on
// double-click), caption, diagnostic badge, and the handles edges and connections use.
// Per-type node components (ui/src/states/<Type>/node.tsx) choose the source handles.
import { Handle, Position, useConnection, useUpdateNodeInternals } from "@xyflow/react";
import { useEffect, useMemo, useRef, useState, type CSSProperties, type ReactNode } from "react";
import { createPortal } from "react-dom";
import type { Problem } from "../ipc/types";
import { useStudio } from "../store/studio";
import { renameState } from "./actions";
import { useCanvasUi } from "./canvasStore";
import { farName } from "./farZoom";
import type { StateNodeData } from "./toFlow";

/** A connectable outgoing transition: `rule-<i>`, `default`, `next`, `catch-<i>`. */
export interface SourceHandle {
  id: string;
  title: string;
  kind: "next" | "rule" | "default" | "catch";
}

interface Props {
  data: StateNodeData;
  selected: boolean;
  handles: SourceHandle[];
  /** Containers draw their title bar only; the body is their children. */
  container?: boolean;
  /** In a container's title bar, after its name (a Parallel's "+ branch"): seen
   *  wherever the title is, however wide the container. */
  headActions?: ReactNode;
  children?: ReactNode;
}

/** Rust sizes a box to its text plus 12px padding each side (asl-graph layout/sizes.rs),
 *  so the chrome adds nothing inside but the 4px type stripe, taken from that padding. */
export function NodeShell({ data, selected, handles, container, headActions, children }: Props) {
  const { layout, problems } = data;
  // Nodes start with declared edge handles only (toFlow): once in the DOM, the real ones
  // (transitions, drop target) are measured for connections.
  // Measured again when the handle set changes too: a rule added in the Inspector gets
  // a handle React Flow does not know of until then (it could not be dragged).
  const updateInternals = useUpdateNodeInternals();
  const handleKey = handles.map((h) => h.id).join(" ");
  useEffect(() => measureSoon(updateInternals, layout.id), [updateInternals, layout.id, handleKey]);
  const type = layout.type;
  const className = [
    "asl-node",
    `asl-type-${type.toLowerCase()}`,
    container ? "asl-container" : "",
    selected ? "asl-selected" : "",
    layout.unreachable ? "asl-unreachable" : "",
    // Far out the badge is hidden: the box itself says it has an error.
    problems.some((p) => p.severity === "error") ? "asl-has-error" : "",
  ].join(" ");
  const far = useMemo(
    () => farName(layout.lines, layout.width, container ? layout.titleHeight : layout.height, !!container),
    [layout.lines, layout.width, layout.height, layout.titleHeight, container],
  );
  const style = useMemo(() => ({ height: "100%", "--asl-far-font": `${far.font}px` }) as CSSProperties, [far]);
  return (
    <div className={className} style={style}>
      <TargetHandles />
      {/* Edges are drawn from Rust's routes; React Flow still wants a source handle. */}
      <Handle type="source" id="out" position={Position.Bottom} className="asl-handle-hidden" isConnectable={false} />
      <div className="asl-node-head" style={container ? { height: layout.titleHeight } : undefined}>
        <div className="asl-node-text">
          <Title
            pointer={layout.id}
            lines={layout.lines}
            farLines={far.lines === layout.lines ? undefined : far.lines}
            name={data.state?.name ?? layout.lines.join("")}
          />
          {!container && layout.caption && <div className="asl-node-caption">{layout.caption}</div>}
        </div>
        {container && layout.caption && <span className="asl-node-caption asl-container-caption">{layout.caption}</span>}
        {headActions}
        {problems.length > 0 && <Badge problems={problems} />}
      </div>
      {children}
      <SourceHandles handles={handles} container={container} />
    </div>
  );
}

const pending = new Set<string>();
/** Measures the nodes mounted in one render together (one store update, not one each). */
function measureSoon(update: ReturnType<typeof useUpdateNodeInternals>, id: string) {
  if (pending.size === 0)
    queueMicrotask(() => {
      update([...pending]);
      pending.clear();
    });
  pending.add(id);
}

/** A small target handle at the top for edges, and, while a connection is being
 *  dragged, one covering the whole node so dropping anywhere on it connects. */
function TargetHandles() {
  const connecting = useConnection((c) => c.inProgress);
  return (
    <>
      <Handle type="target" id="in" position={Position.Top} className="asl-handle-hidden" isConnectableStart={false} />
      {connecting && (
        <Handle type="target" id="drop" position={Position.Top} className="asl-handle-drop" isConnectableStart={false} />
      )}
    </>
  );
}

function SourceHandles({ handles, container }: { handles: SourceHandle[]; container?: boolean }) {
  // Rules, Default and Next spread along the bottom; catchers stack on the right side.
  const bottom = handles.filter((h) => h.kind !== "catch");
  const right = handles.filter((h) => h.kind === "catch");
  return (
    <>
      {bottom.map((h, i) => (
        <Handle
          key={h.id}
          type="source"
          id={h.id}
          position={Position.Bottom}
          title={h.title}
          className={`asl-handle asl-handle-${h.kind}`}
          style={{ left: `${((i + 1) * 100) / (bottom.length + 1)}%` }}
          isConnectableEnd={false}
        />
      ))}
      {right.map((h, i) => (
        <Handle
          key={h.id}
          type="source"
          id={h.id}
          position={Position.Right}
          title={h.title}
          className="asl-handle asl-handle-catch"
          style={container ? { top: 16 + i * 18 } : { top: `${((i + 1) * 100) / (right.length + 1)}%` }}
          isConnectableEnd={false}
        />
      ))}
    </>
  );
}

/** `farLines`: the name split differently for far zoom (nodes.css shows one or the other). */
function Title({ pointer, lines, farLines, name }: { pointer: string; lines: string[]; farLines?: string[]; name: string }) {
  const renaming = useCanvasUi((s) => s.renaming === pointer);
  const setRenaming = useCanvasUi((s) => s.setRenaming);
  if (renaming) return <RenameInput pointer={pointer} name={name} onDone={() => setRenaming(null)} />;
  return (
    <div
      className="asl-node-title"
      title={name}
      onDoubleClick={(e) => {
        e.stopPropagation();
        // A run only reads the document: no renaming in Run mode.
        if (useStudio.getState().mode === "run") return;
        setRenaming(pointer);
      }}
    >
      {lines.map((l, i) => (
        <div key={i} className={farLines ? "asl-near-line" : undefined}>
          {l}
        </div>
      ))}
      {farLines?.map((l, i) => (
        <div key={`far${i}`} className="asl-far-line">
          {l}
        </div>
      ))}
    </div>
  );
}

function RenameInput({ pointer, name, onDone }: { pointer: string; name: string; onDone: () => void }) {
  const [value, setValue] = useState(name);
  const ref = useRef<HTMLInputElement>(null);
  const done = useRef(false);
  useEffect(() => {
    ref.current?.focus();
    ref.current?.select();
  }, []);
  const commit = () => {
    if (done.current) return;
    done.current = true;
    const newName = value.trim();
    if (newName && newName !== name) void renameState(pointer, newName);
    onDone();
  };
  return (
    <input
      ref={ref}
      className="asl-rename nodrag nopan"
      aria-label="State name"
      value={value}
      onChange={(e) => setValue(e.target.value)}
      onBlur={commit}
      onKeyDown={(e) => {
        e.stopPropagation();
        if (e.key === "Enter") commit();
        if (e.key === "Escape") {
          done.current = true;
          onDone();
        }
      }}
    />
  );
}

/** The worst problem's severity as a badge; hovering lists every message. The tooltip
 *  is portalled to <body>: inside the node it would sit under deeper nodes (z-order). */
function Badge({ problems }: { problems: Problem[] }) {
  const errors = problems.filter((p) => p.severity === "error").length;
  const severity = errors > 0 ? "error" : "warning";
  const select = useStudio((s) => s.select);
  const [tip, setTip] = useState<{ x: number; y: number } | null>(null);
  return (
    <span
      data-testid="node-badge"
      data-severity={severity}
      className={`asl-badge asl-badge-${severity}`}
      title={problems.map((p) => `${p.severity}: ${p.message}`).join("\n")}
      onMouseEnter={(e) => {
        const r = e.currentTarget.getBoundingClientRect();
        setTip({ x: r.right, y: r.bottom + 6 });
        e.currentTarget.removeAttribute("title"); // the styled tooltip replaces it
      }}
      onMouseLeave={() => setTip(null)}
      onClick={(e) => {
        e.stopPropagation();
        const p = problems[0];
        if (p.statePointer) select([p.statePointer], p.pointer);
      }}
    >
      {severity === "error" ? "!" : "⚠"}
      {problems.length > 1 && <span className="asl-badge-count">{problems.length}</span>}
      {tip &&
        createPortal(
          <div className="asl-badge-tip" role="tooltip" style={{ left: tip.x, top: tip.y }}>
            {problems.map((p, i) => (
              <span key={i} className={`asl-tip-row asl-tip-${p.severity}`}>
                {p.message}
              </span>
            ))}
          </div>,
          document.body,
        )}
    </span>
  );
}

/** Handles for the transitions of a Task, Parallel or Map: Next and one per catcher. */
export function taskHandles(json: Record<string, unknown> | undefined): SourceHandle[] {
  const catches = Array.isArray(json?.Catch) ? (json.Catch as unknown[]) : [];
  return [
    { id: "next", title: "Next: drag onto a state", kind: "next" },
    ...catches.map((c, i) => ({ id: `catch-${i}`, title: `Catch ${i + 1}: ${errorsOf(c)}`, kind: "catch" as const })),
  ];
}

function errorsOf(item: unknown): string {
  const e = (item as { ErrorEquals?: unknown })?.ErrorEquals;
  return Array.isArray(e) ? e.join(", ") : "";
}
