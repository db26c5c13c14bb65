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
  ".cm-scroller": { minHeight: "18rem", maxHeight: "32rem" },
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
  labelId: string;
  describedBy?: string | undefined;
};

/**
 * The JSON Schema in CodeMirror 6: JSON highlighting and folding, and the schema checks as
 * underlined problems while typing. The same problems are listed under the editor by the page,
 * for screen readers (CodeMirror's lint markers are visual).
 */
export function JsonSchemaEditor({ initialValue, onChange, readOnly = false, labelId, describedBy }: JsonSchemaEditorProps) {
  const host = useRef<HTMLDivElement>(null);
  const onChangeRef = useRef(onChange);
  onChangeRef.current = onChange;

  useEffect(() => {
    if (!host.current) return;
    const view = new EditorView({
      parent: host.current,
      state: EditorState.create({
        doc: initialValue,
        extensions: [
          basicSetup,
          json(),
          syntaxHighlighting(highlight),
          theme,
          lintGutter(),
          schemaLinter,
          EditorState.readOnly.of(readOnly),
          EditorView.editable.of(!readOnly),
          EditorView.contentAttributes.of({
            "aria-labelledby": labelId,
            ...(describedBy && { "aria-describedby": describedBy }),
            "aria-multiline": "true",
            ...(readOnly && { "aria-readonly": "true" }),
          }),
          EditorView.updateListener.of((update) => {
            if (update.docChanged) onChangeRef.current(update.state.doc.toString());
          }),
        ],
      }),
    });
    return () => view.destroy();
    // The editor owns its text after creation; a new initial value means a new editor (key it).
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [readOnly, labelId, describedBy]);

  return <div ref={host} className="overflow-hidden rounded-md border border-input" data-testid="schema-editor" />;
}
