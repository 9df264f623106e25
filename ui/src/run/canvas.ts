// What the canvas takes from Run mode (kept to these two so the canvas stays run-agnostic).
export { RunOverlay } from "./RunOverlay";
export { useRunFlow } from "./useRunFlow";
