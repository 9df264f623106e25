// The account's state machines: connect (profile, region, endpoint — all optional: the
// SDK's defaults), then a searchable list; Open brings a machine's deployed definition in
// as a new document linked to it.
import { useEffect, useMemo } from "react";
import { confirmLeave } from "../frame/fileActions";
import { awsOpen, awsProfiles } from "../ipc/cloud";
import { useStudio } from "../store/studio";
import { busy, connect, refreshLink, refreshMachines, useCloud } from "./cloudStore";

export function CloudBrowser({ onOpened }: { onOpened?: () => void }) {
  const s = useCloud();
  useEffect(() => {
    void awsProfiles().then((profiles) => useCloud.getState().set({ profiles }), () => undefined);
  }, []);
  const shown = useMemo(() => {
    const q = s.search.trim().toLowerCase();
    return (s.machines ?? []).filter((m) => !q || m.name.toLowerCase().includes(q) || m.arn.toLowerCase().includes(q));
  }, [s.machines, s.search]);

  const open = async (arn: string) => {
    if (!(await confirmLeave("open a deployed state machine"))) return;
    const snapshot = await busy("Opening…", () => awsOpen(arn));
    if (!snapshot) return;
    useStudio.getState().setSnapshot(snapshot);
    useStudio.getState().setMode("cloud");
    onOpened?.();
    await refreshLink();
  };

  return (
    <div className="cloud-browser" data-testid="cloud-browser">
      <section className="run-section">
        <h4>Connection</h4>
        <label className="cloud-field">
          <span>Profile</span>
          <input
            className="run-input"
            list="aws-profiles"
            data-testid="aws-profile"
            placeholder="default chain"
            value={s.profile}
            onChange={(e) => s.set({ profile: e.target.value })}
          />
        </label>
        <datalist id="aws-profiles">
          {s.profiles.map((p) => (
            <option key={p} value={p} />
          ))}
        </datalist>
        <label className="cloud-field">
          <span>Region</span>
          <input className="run-input" data-testid="aws-region" placeholder="from the profile" value={s.region} onChange={(e) => s.set({ region: e.target.value })} />
        </label>
        <label className="cloud-field">
          <span>Endpoint</span>
          <input
            className="run-input mono"
            data-testid="aws-endpoint"
            placeholder="AWS (or LocalStack, asl serve…)"
            value={s.endpoint}
            onChange={(e) => s.set({ endpoint: e.target.value })}
          />
        </label>
        <div className="cloud-row">
          <button type="button" className="btn primary" data-testid="aws-connect" disabled={s.busy !== null} onClick={() => void connect()}>
            {s.status ? "Reconnect" : "Connect"}
          </button>
          {s.status && (
            <span className="cloud-target" data-testid="aws-target" title={s.status.target}>
              {s.status.target}
            </span>
          )}
        </div>
        <p className="run-hint cloud-note">Credentials come from your AWS configuration; ASL Studio stores none.</p>
      </section>
      {s.machines && (
        <section className="run-section cloud-machines">
          <h4>
            State machines <span className="run-muted">({s.machines.length})</span>
            <button type="button" className="link-btn" onClick={() => void refreshMachines()} title="List again">
              ↻
            </button>
          </h4>
          <input className="run-input" data-testid="aws-search" placeholder="Search by name or ARN" value={s.search} onChange={(e) => s.set({ search: e.target.value })} />
          <ul className="cloud-list">
            {shown.map((m) => (
              <li key={m.arn}>
                <button type="button" className="cloud-machine" data-testid="aws-machine" data-name={m.name} title={m.arn} onClick={() => void open(m.arn)}>
                  <strong>{m.name}</strong>
                  <small>
                    {m.type.toLowerCase()} · {m.creationDate.slice(0, 10)}
                  </small>
                </button>
              </li>
            ))}
            {shown.length === 0 && <li className="run-hint">{s.machines.length === 0 ? "No state machines in this account and region." : "None matches."}</li>}
          </ul>
        </section>
      )}
      {s.busy && <div className="run-hint" data-testid="aws-busy">{s.busy}</div>}
      {s.error && (
        <div className="run-error" data-testid="aws-error">
          {s.error}
        </div>
      )}
    </div>
  );
}
