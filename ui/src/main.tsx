import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { App } from "./App";
import "./theme/theme.css";

async function start() {
  // A fake backend for trying the UI in a plain browser (`VITE_MOCK_IPC=1 npx vite`);
  // the condition is a build-time constant, so production bundles leave it out.
  if (import.meta.env.VITE_MOCK_IPC) await import("./dev/mockBackend");
  createRoot(document.getElementById("root")!).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}

void start();
