// The open document and its deployed machine: the link (remembered per file), the diff
// against what is deployed (text, and on the diagram), the checks a deploy faces (ours
// and AWS's ValidateStateMachineDefinition), Deploy after a confirmation, and a cloud
// execution started with the Run panel's input and followed in Run mode.
import { useEffect, useState } from "react";
import { DiffView } from "../frame/DiffView";
import { Modal } from "../frame/Modal";
import { useFrame } from "../frame/frameStore";
import { awsDeploy, awsLinkSet, awsStart } from "../ipc/cloud";
import { JsonEditor } from "../run/JsonEditor";
import { parseInput, showLive } from "../run/runActions";
import { useRun } from "../run/runStore";
import { useStudio } from "../store/studio";
import { busy, compare, refreshLink, useCloud } from "./cloudStore";

export function LinkPanel() {
  const path = useStudio((s) => s.snapshot?.path ?? null);
  const { link, diff, status, machines } = useCloud();
  useEffect(() => {
    void refreshLink();
  }, [path, status]);
  if (!link) return <Unlinked machines={machines ?? []} />;
  return (
    <div className="cloud-link" data-testid="cloud-link">
      <section className="run-section">
        <h4>Deployed machine</h4>
        <div className="cloud-arn mono" data-testid="aws-link" title={link}>
          {link}
        </div>
        <div className="cloud-row">
          <button type="button" className="btn" data-testid="aws-compare" disabled={!status} onClick={() => void compare()}>
            Compare
          </button>
          <button type="button" className="link-btn" onClick={() => void awsLinkSet(null).then(refreshLink)}>
            Unlink
          </button>
        </div>
        {!status && <p className="run-hint cloud-note">Connect to compare, deploy and run in AWS.</p>}
      </section>
      {diff && <DiffSection />}
      {diff && <DeploySection />}
      {status && <StartSection />}
    </div>
  );
}

function Unlinked({ machines }: { machines: { name: string; arn: string }[] }) {
  const [arn, setArn] = useState("");
  return (
    <section className="run-section" data-testid="cloud-unlinked">
      <h4>Deployed machine</h4>
      <p className="run-hint cloud-note">This document is not linked to a deployed state machine.</p>
      <input className="run-input mono" list="aws-arns" placeholder="State machine ARN" value={arn} onChange={(e) => setArn(e.target.value)} />
      <datalist id="aws-arns">
        {machines.map((m) => (
          <option key={m.arn} value={m.arn}>
            {m.name}
          </option>
        ))}
      </datalist>
      <button type="button" className="btn" disabled={!arn.trim()} onClick={() => void awsLinkSet(arn.trim()).then(refreshLink)}>
        Link
      </button>
    </section>
  );
}

function DiffSection() {
  const diff = useCloud((s) => s.diff)!;
  const { added, changed, removed, machineChanged } = diff.states;
  const same = added.length + changed.length + removed.length === 0 && !machineChanged && diff.deployed === diff.local;
  const server = diff.server as { result: string; reason?: string; diagnostics?: { code: string; message: string; location: string | null }[] };
  return (
    <section className="run-section" data-testid="cloud-diff">
      <h4>Local vs deployed</h4>
      <p data-testid="cloud-diff-summary">
        {same
          ? "Same as deployed."
          : [
              added.length && `${added.length} added`,
              changed.length && `${changed.length} changed`,
              removed.length && `${removed.length} removed`,
              machineChanged && "top-level fields changed",
            ]
              .filter(Boolean)
              .join(", ") || "Only formatting differs."}
      </p>
      {removed.length > 0 && <p className="run-hint cloud-note">Removed: {removed.join(", ")}</p>}
      {diff.note && <p className="run-hint cloud-note">Deploys as: {diff.note}</p>}
      <p className="cloud-checks" data-testid="cloud-checks">
        {diff.localErrors > 0 ? `✗ ${diff.localErrors} error(s) here` : "✓ No errors here"}
        {" · "}
        {server.result === "OK" ? "✓ AWS validation passed" : server.result === "FAIL" ? `✗ AWS validation: ${server.diagnostics?.[0]?.message ?? "failed"}` : "AWS validation not available on this endpoint"}
      </p>
      {!same && <DiffView theirs={diff.deployed} mine={diff.local} labels={{ theirs: "deployed", mine: "local" }} testId="cloud-text-diff" />}
    </section>
  );
}

function DeploySection() {
  const diff = useCloud((s) => s.diff)!;
  const [publish, setPublish] = useState(false);
  const [alias, setAlias] = useState("");
  const [asking, setAsking] = useState(false);
  const deploy = async () => {
    setAsking(false);
    const done = await busy("Deploying…", () => awsDeploy(publish || alias.trim() !== "", alias.trim() || null));
    if (!done) return;
    const what = done.aliasArn ? `, alias ${alias.trim()} → ${done.versionArn}` : done.versionArn ? `, version ${done.versionArn}` : "";
    useFrame.getState().notify(`Deployed ${diff.name}${what}`, "info");
    await compare();
  };
  return (
    <section className="run-section" data-testid="cloud-deploy">
      <h4>Deploy</h4>
      <label className="run-check">
        <input type="checkbox" checked={publish} onChange={(e) => setPublish(e.target.checked)} /> Publish a version
      </label>
      <label className="cloud-field">
        <span>Alias</span>
        <input className="run-input" placeholder="none" value={alias} onChange={(e) => setAlias(e.target.value)} />
      </label>
      <button type="button" className="btn primary" data-testid="aws-deploy" disabled={diff.localErrors > 0} onClick={() => setAsking(true)}>
        Deploy…
      </button>
      {asking && (
        <Modal
          title={`Deploy to ${diff.name}?`}
          testId="deploy-confirm"
          onCancel={() => setAsking(false)}
          actions={
            <>
              <button type="button" className="btn" onClick={() => setAsking(false)}>
                Cancel
              </button>
              <button type="button" className="btn primary" data-testid="deploy-confirm-ok" data-autofocus onClick={() => void deploy()}>
                Deploy
              </button>
            </>
          }
        >
          <p className="mono cloud-arn">{diff.arn}</p>
          <p>
            The deployed definition is replaced by this document{publish || alias.trim() ? ", a version is published" : ""}
            {alias.trim() ? ` and alias ${alias.trim()} points at it` : ""}.
          </p>
          <DiffView theirs={diff.deployed} mine={diff.local} labels={{ theirs: "deployed", mine: "local" }} />
        </Modal>
      )}
    </section>
  );
}

function StartSection() {
  const inputText = useRun((s) => s.inputText);
  const setInputText = useRun((s) => s.setInputText);
  const start = async () => {
    const input = parseInput(inputText);
    if (!input.ok) {
      useFrame.getState().notify(`The input is not JSON: ${input.message}`, "warning");
      return;
    }
    useStudio.getState().setMode("run");
    await showLive((push) => awsStart(input.value, push));
  };
  return (
    <section className="run-section" data-testid="cloud-start">
      <h4>Execution in AWS</h4>
      <JsonEditor value={inputText} onChange={setInputText} testId="cloud-input" label="Execution input (JSON)" />
      <button type="button" className="btn primary" data-testid="aws-start" onClick={() => void start()}>
        Start in AWS
      </button>
      <p className="run-hint cloud-note">Runs the deployed machine; Run mode follows it live.</p>
    </section>
  );
}
