// The Inspector (mounted by the frame in Design mode).
export { Inspector } from "./Inspector";
