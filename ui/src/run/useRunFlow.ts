// The canvas's one hook into Run and Cloud mode: in Run mode the flow gets the run's (or
// the tests' coverage) classes, in Cloud mode the diff against the deployed machine's; in
// Design and Code mode it is returned untouched.
import { useMemo, useRef } from "react";
import type { Flow } from "../canvas/toFlow";
import { useStudio } from "../store/studio";
import { useCloud } from "../cloud/cloudStore";
import { diffMarks } from "../cloud/diffMarks";
import { coverageMarks, decorate, runMarks, type DecorateCache } from "./canvasMarks";
import { useRun } from "./runStore";

export function useRunFlow(flow: Flow): Flow {
  const mode = useStudio((s) => s.mode);
  const view = useRun((s) => s.view);
  const report = useRun((s) => s.report);
  const showCoverage = useRun((s) => s.showCoverage);
  const diff = useCloud((s) => s.diff);
  const cache = useRef<DecorateCache>(new WeakMap());
  return useMemo(() => {
    if (mode === "cloud" && diff) return decorate(flow, diffMarks(flow, diff.states), cache.current);
    if (mode !== "run") return flow;
    const marks = showCoverage && report ? coverageMarks(flow, report.coverage) : view ? runMarks(flow, view) : null;
    return marks ? decorate(flow, marks, cache.current) : flow;
  }, [mode, flow, view, report, showCoverage, diff]);
}
