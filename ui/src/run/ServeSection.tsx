// Run mode's "API server" section (issue 15, item 7): starts and stops the app's own
// Step Functions API on localhost and says how a client reaches it. Executions clients
// start on this machine show up as runs here and stop at its breakpoints.
import { useState } from "react";
import { startServer, stopServer, useServe } from "./serve";

export function ServeSection() {
  const url = useServe((s) => s.url);
  const busy = useServe((s) => s.busy);
  const [port, setPort] = useState("8083");
  const portNumber = Number(port);
  const valid = Number.isInteger(portNumber) && portNumber >= 0 && portNumber <= 65535;
  return (
    <section className="run-section serve-section" data-testid="serve">
      <h4>API server</h4>
      {url === null ? (
        <div className="serve-row">
          <label title="The port to listen on, 127.0.0.1 only (0: any free port)">
            Port{" "}
            <input className="serve-port" data-testid="serve-port" value={port} inputMode="numeric" onChange={(e) => setPort(e.target.value.trim())} />
          </label>
          <button data-testid="serve-start" disabled={busy || !valid} onClick={() => void startServer(portNumber)}>
            Start server
          </button>
        </div>
      ) : (
        <>
          <div className="serve-row">
            <code data-testid="serve-url">{url}</code>
            <button data-testid="serve-stop" onClick={() => void stopServer()}>
              Stop
            </button>
          </div>
          <p className="run-hint">
            Point an SDK at it (<code>AWS_ENDPOINT_URL_SFN={url}</code>); executions of this machine run here, at your breakpoints.
          </p>
        </>
      )}
    </section>
  );
}
