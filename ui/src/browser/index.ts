// The States browser (mounted by the frame in Design mode).
export { StatesBrowser } from "./StatesBrowser";
