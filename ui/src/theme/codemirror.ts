// The CodeMirror theme for both app themes. Colours are CSS variables from theme.css, so
// switching light/dark needs no editor reconfiguration (and the editor can never show one
// theme while the frame shows the other).
import { HighlightStyle, syntaxHighlighting } from "@codemirror/language";
import { EditorView } from "@codemirror/view";
import { tags as t } from "@lezer/highlight";

const editorTheme = EditorView.theme({
  "&": {
    height: "100%",
    backgroundColor: "var(--panel)",
    color: "var(--text)",
    fontSize: "13px",
  },
  "&.cm-focused": { outline: "none" },
  ".cm-scroller": { fontFamily: "var(--font-mono)", lineHeight: "1.55" },
  ".cm-content": { caretColor: "var(--accent)", padding: "6px 0" },
  ".cm-cursor, .cm-dropCursor": { borderLeftColor: "var(--accent)", borderLeftWidth: "2px" },
  "&.cm-focused > .cm-scroller > .cm-selectionLayer .cm-selectionBackground, .cm-selectionBackground, ::selection":
    { backgroundColor: "var(--selection) !important" },
  ".cm-activeLine": { backgroundColor: "var(--active-line)" },
  ".cm-selected-state": {
    backgroundColor: "var(--accent-soft)",
    boxShadow: "inset 3px 0 0 var(--accent)",
  },
  ".cm-gutters": {
    backgroundColor: "var(--gutter-bg)",
    color: "var(--gutter-text)",
    borderRight: "1px solid var(--panel-border)",
  },
  ".cm-activeLineGutter": { backgroundColor: "var(--active-line)", color: "var(--text)" },
  ".cm-foldGutter .cm-gutterElement": { cursor: "pointer", padding: "0 4px" },
  ".cm-foldPlaceholder": {
    backgroundColor: "var(--hover)",
    border: "1px solid var(--panel-border)",
    color: "var(--text-muted)",
    borderRadius: "3px",
    padding: "0 4px",
  },
  "&.cm-focused .cm-matchingBracket": { backgroundColor: "var(--match-bracket)", outline: "none" },
  "&.cm-focused .cm-nonmatchingBracket": { backgroundColor: "var(--error-soft)" },
  ".cm-searchMatch": { backgroundColor: "var(--search-match)", outline: "1px solid var(--warning)" },
  ".cm-searchMatch.cm-searchMatch-selected": { backgroundColor: "var(--selection)" },
  ".cm-selectionMatch": { backgroundColor: "var(--active)" },
  ".cm-panels": { backgroundColor: "var(--panel-alt)", color: "var(--text)" },
  ".cm-panels.cm-panels-top": { borderBottom: "1px solid var(--panel-border)" },
  ".cm-panels.cm-panels-bottom": { borderTop: "1px solid var(--panel-border)" },
  ".cm-panel.cm-search": { padding: "6px 8px", fontFamily: "var(--font-ui)" },
  ".cm-panel.cm-search input, .cm-panel.cm-search button, .cm-panel.cm-search label": { fontSize: "12px" },
  ".cm-textfield": {
    backgroundColor: "var(--input-bg)",
    border: "1px solid var(--panel-border)",
    borderRadius: "4px",
    color: "var(--text)",
  },
  ".cm-button": {
    backgroundImage: "none",
    backgroundColor: "var(--panel)",
    border: "1px solid var(--panel-border)",
    borderRadius: "4px",
    color: "var(--text)",
  },
  ".cm-tooltip": {
    backgroundColor: "var(--panel)",
    border: "1px solid var(--panel-border)",
    borderRadius: "6px",
    boxShadow: "var(--shadow)",
    color: "var(--text)",
  },
  ".cm-diagnostic": { fontFamily: "var(--font-ui)", padding: "4px 8px" },
  ".cm-diagnostic-error": { borderLeftColor: "var(--error)" },
  ".cm-diagnostic-warning": { borderLeftColor: "var(--warning)" },
  ".cm-lintRange-error": {
    backgroundImage: "none",
    textDecoration: "underline wavy var(--error)",
    textDecorationSkipInk: "none",
    textUnderlineOffset: "3px",
  },
  ".cm-lintRange-warning": {
    backgroundImage: "none",
    textDecoration: "underline wavy var(--warning)",
    textDecorationSkipInk: "none",
    textUnderlineOffset: "3px",
  },
  ".cm-lint-marker": { width: "0.9em", height: "0.9em" },
});

const highlight = HighlightStyle.define([
  { tag: t.propertyName, color: "var(--syn-key)" },
  { tag: [t.string, t.special(t.string)], color: "var(--syn-string)" },
  { tag: t.number, color: "var(--syn-number)" },
  { tag: t.bool, color: "var(--syn-bool)" },
  { tag: t.null, color: "var(--syn-null)" },
  { tag: [t.keyword, t.atom], color: "var(--syn-bool)" },
  { tag: [t.punctuation, t.separator, t.bracket, t.squareBracket, t.brace], color: "var(--syn-punct)" },
  { tag: [t.comment, t.lineComment, t.blockComment], color: "var(--syn-comment)", fontStyle: "italic" },
  { tag: [t.labelName, t.definition(t.propertyName)], color: "var(--syn-key)" },
  { tag: [t.typeName, t.meta], color: "var(--syn-comment)" },
  { tag: t.content, color: "var(--syn-string)" },
  { tag: t.invalid, color: "var(--error)" },
]);

export const studioEditorTheme = [editorTheme, syntaxHighlighting(highlight)];
