import { useEffect, useRef } from "react";
import { basicSetup, EditorView } from "codemirror";
import { json } from "@codemirror/lang-json";
import { HighlightStyle, syntaxHighlighting } from "@codemirror/language";
import { linter, lintGutter, type Diagnostic } from "@codemirror/lint";
import { EditorState } from "@codemirror/state";
import { tags } from "@lezer/highlight";
import { checkSchemaText } from "./schema-check";

// The theme's CSS variables, so the editor follows light/dark with the rest of the app and keeps
// the same contrast as the page's text.
const theme = EditorView.theme({
  "&": { backgroundColor: "var(--background)", color: "var(--foreground)", fontSize: "0.875rem" },
  "&.cm-focused": { outline: "2px solid var(--ring)", outlineOffset: "2px" },
  ".cm-content": { caretColor: "var(--foreground)", fontFamily: "ui-monospace, SFMono-Regular, Menlo, monospace" },
  ".cm-cursor": { borderLeftColor: "var(--foreground)" },
  ".cm-gutters": { backgroundColor: "var(--muted)", color: "var(--muted-foreground)", borderRight: "1px solid var(--border)" },
  ".cm-activeLine, .cm-activeLineGutter": { backgroundColor: "color-mix(in oklch, var(--muted) 60%, transparent)" },
  ".cm-selectionBackground, &.cm-focused .cm-selectionBackground": { backgroundColor: "color-mix(in oklch, var(--ring) 30%, transparent)" },
  ".cm-tooltip": { backgroundColor: "var(--card)", color: "var(--foreground)", border: "1px solid var(--border)" },
  // The editor grows with its text and wraps long lines: a scrolling region inside the page would
  // need its own keyboard access (axe scrollable-region-focusable).
  ".cm-scroller": { minHeight: "18rem" },
});

const highlight = HighlightStyle.define([
  { tag: tags.propertyName, color: "var(--primary)" },
  { tag: tags.string, color: "var(--success)" },
  { tag: [tags.number, tags.bool, tags.null], color: "var(--destructive)" },
]);

const schemaLinter = linter(
  (view): Diagnostic[] =>
    checkSchemaText(view.state.doc.toString()).problems.map((problem) => ({
      from: problem.from,
      to: problem.to,
      severity: problem.severity,
      message: problem.message,
    })),
  { delay: 250 },
);

type JsonSchemaEditorProps = {
  initialValue: string;
  onChange: (text: string) => void;
  readOnly?: boolean;
  /** The accessible name of the text area (ids do not cross into the shadow root, so no labelledby). */
  label: string;
};

/**
 * The JSON Schema in CodeMirror 6: JSON highlighting and folding, and the schema checks as
 * underlined problems while typing. The same problems are listed under the editor by the page,
 * for screen readers (CodeMirror's lint markers are visual).
 *
 * The editor lives in a shadow root: CodeMirror styles itself through style-mod, which in a
 * document inserts a <style> element (refused by the CSP) but in a shadow root uses a
 * constructed, adopted style sheet, which the CSP allows.
 */
export function JsonSchemaEditor({ initialValue, onChange, readOnly = false, label }: JsonSchemaEditorProps) {
  const host = useRef<HTMLDivElement>(null);
  const onChangeRef = useRef(onChange);
  onChangeRef.current = onChange;

  useEffect(() => {
    const element = host.current;
    if (!element) return;
    const shadow = element.shadowRoot ?? element.attachShadow({ mode: "open" });
    const parent = document.createElement("div");
    shadow.append(parent);
    const view = new EditorView({
      root: shadow,
      parent,
      state: EditorState.create({
        doc: initialValue,
        extensions: [
          basicSetup,
          EditorView.lineWrapping,
          json(),
          syntaxHighlighting(highlight),
          theme,
          lintGutter(),
          schemaLinter,
          EditorState.readOnly.of(readOnly),
          EditorView.editable.of(!readOnly),
          EditorView.contentAttributes.of({
            "aria-label": label,
            "aria-multiline": "true",
            ...(readOnly && { "aria-readonly": "true" }),
          }),
          EditorView.updateListener.of((update) => {
            if (update.docChanged) onChangeRef.current(update.state.doc.toString());
          }),
        ],
      }),
    });
    return () => {
      view.destroy();
      parent.remove();
    };
    // The editor owns its text after creation (initialValue is read once); key the component for a new one.
  }, [readOnly, label]);

  return <div ref={host} className="overflow-hidden rounded-md border border-input" data-testid="schema-editor" />;
}
