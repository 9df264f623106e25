// The Design-mode canvas (mounted by the frame). It fills its parent and reads the store.
export { Canvas } from "./Canvas";
export { toFlow } from "./toFlow";
