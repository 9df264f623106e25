// Shown when no document is open: new, open, recent files, samples, and the drafts left
// by a session that ended without saving.
import { useEffect, useState } from "react";
import * as ipc from "../ipc";
import type { Draft, SampleInfo } from "../ipc/types";
import { newDocument, openDocument } from "../frame/fileActions";
import { AppMark, IconClock, IconCloud, IconFile, IconOpen, IconPlus } from "../frame/icons";
import { Modal } from "../frame/Modal";
import { CloudBrowser } from "../cloud/CloudBrowser";
import "../cloud/cloud.css";
import "../run/run.css";
import { ThemeToggle } from "../frame/ThemeToggle";
import { baseName, dirName } from "../frame/title";
import { asIpcError, useStudio } from "../store/studio";
import { InlineMarkdown } from "./markdown";
import "./start.css";

function useList<T>(load: () => Promise<T[]>): [T[] | null, (f: (items: T[]) => T[]) => void] {
  const [items, setItems] = useState<T[] | null>(null);
  useEffect(() => {
    let live = true;
    load()
      .then((list) => live && setItems(list))
      .catch(() => live && setItems([]));
    return () => {
      live = false;
    };
  }, [load]);
  return [items, (f) => setItems((cur) => f(cur ?? []))];
}

const ACRONYMS: Record<string, string> = { s3: "S3", json: "JSON", jsonata: "JSONata", yaml: "YAML", etl: "ETL", sqs: "SQS", sns: "SNS", ecs: "ECS", http: "HTTP", api: "API" };

/** A sample's folder name as a title: "order-processing-jsonata" -> "Order processing JSONata". */
export function sampleTitle(name: string): string {
  const words = name.split(/[-_\s]+/).filter(Boolean).map((w) => ACRONYMS[w.toLowerCase()] ?? w);
  if (words.length === 0) return name;
  if (!ACRONYMS[words[0].toLowerCase()]) words[0] = words[0].charAt(0).toUpperCase() + words[0].slice(1);
  return words.join(" ");
}

export function StartPage() {
  const [fromAws, setFromAws] = useState(false);
  const [recent] = useList(ipc.recentFiles);
  const [samples] = useList(ipc.samplesList);
  const [drafts, setDrafts] = useList(ipc.draftsList);
  const run = useStudio((s) => s.run);

  const restore = (d: Draft) => void run(() => ipc.draftRestore(d.id));
  const discard = async (d: Draft) => {
    try {
      await ipc.draftDiscard(d.id);
      setDrafts((list) => list.filter((x) => x.id !== d.id));
    } catch (e) {
      useStudio.getState().setError(asIpcError(e));
    }
  };

  return (
    <div className="start-page" data-testid="start-page">
      <header className="start-header">
        <AppMark />
        <span className="start-app">ASL Studio</span>
        <span className="start-spacer" />
        <ThemeToggle />
      </header>
      <main className="start-main">
        <section className="start-hero">
          <h1>Design, check and run AWS Step Functions state machines</h1>
          <p className="muted">Edit visually or in code — both stay in sync with the file on disk.</p>
          <div className="start-actions">
            <button type="button" className="start-action" data-testid="new-json" onClick={() => void newDocument("json")}>
              <IconPlus />
              <span>
                <strong>New JSON</strong>
                <small>.asl.json</small>
              </span>
            </button>
            <button type="button" className="start-action" data-testid="new-yaml" onClick={() => void newDocument("yaml")}>
              <IconPlus />
              <span>
                <strong>New YAML</strong>
                <small>.asl.yaml</small>
              </span>
            </button>
            <button type="button" className="start-action" data-testid="open-file" onClick={() => void openDocument(null)}>
              <IconOpen />
              <span>
                <strong>Open…</strong>
                <small>Ctrl+O</small>
              </span>
            </button>
            <button type="button" className="start-action" data-testid="open-aws" onClick={() => setFromAws(true)}>
              <IconCloud />
              <span>
                <strong>From AWS…</strong>
                <small>a deployed state machine</small>
              </span>
            </button>
          </div>
        </section>

        {drafts && drafts.length > 0 && (
          <section className="start-section drafts">
            <h2>Unsaved work from last time</h2>
            {drafts.map((d) => (
              <div key={d.id} className="draft" data-testid="draft">
                <IconClock />
                <div className="draft-info">
                  <strong>{d.title}</strong>
                  <small className="muted">
                    {d.path ?? "Never saved"} · {formatTime(d.savedAt)}
                  </small>
                </div>
                <button type="button" className="btn" data-testid="draft-discard" onClick={() => void discard(d)}>
                  Discard
                </button>
                <button type="button" className="btn primary" data-testid="draft-restore" onClick={() => restore(d)}>
                  Restore
                </button>
              </div>
            ))}
          </section>
        )}

        <div className="start-columns">
          <section className="start-section">
            <h2>Recent</h2>
            {recent === null ? null : recent.length === 0 ? (
              <p className="muted empty">Files you open appear here.</p>
            ) : (
              <ul className="recent-list">
                {recent.map((path) => (
                  <li key={path}>
                    <button type="button" className="recent-file" data-testid="recent-file" title={path} onClick={() => void openDocument(path)}>
                      <IconFile />
                      <span className="recent-name">{baseName(path)}</span>
                      <span className="recent-dir">{dirName(path)}</span>
                    </button>
                  </li>
                ))}
              </ul>
            )}
          </section>

          <section className="start-section samples">
            <h2>Samples</h2>
            <div className="sample-grid">
              {(samples ?? []).map((s: SampleInfo) => (
                <button
                  type="button"
                  key={s.name}
                  className="sample-card"
                  data-testid={`sample-${s.name}`}
                  title={s.path}
                  onClick={() => void openDocument(s.path)}
                >
                  <strong>{sampleTitle(s.name)}</strong>
                  <span className="sample-desc" data-testid="sample-desc">
                    <InlineMarkdown source={s.description} />
                  </span>
                  <span className="sample-file">{baseName(s.path)}</span>
                </button>
              ))}
            </div>
          </section>
        </div>
      </main>
      {fromAws && (
        <Modal
          title="Open a deployed state machine"
          testId="aws-open-dialog"
          wide
          onCancel={() => setFromAws(false)}
          actions={
            <button type="button" className="btn" onClick={() => setFromAws(false)}>
              Cancel
            </button>
          }
        >
          <div className="run-panel cloud-dialog">
            <CloudBrowser onOpened={() => setFromAws(false)} />
          </div>
        </Modal>
      )}
    </div>
  );
}

/** A draft's time: seconds since the Unix epoch, as Rust writes it. */
function formatTime(seconds: number): string {
  return new Date(seconds * 1000).toLocaleString();
}
