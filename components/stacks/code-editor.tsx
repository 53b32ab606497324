'use client';
// CodeMirror 6: YAML highlighting (or plain text for .env), line numbers, and the server's error marked
// at its line as a lint diagnostic.
import { useEffect, useRef } from 'react';
import { basicSetup, EditorView } from 'codemirror';
import { EditorState } from '@codemirror/state';
import { yaml } from '@codemirror/lang-yaml';
import { setDiagnostics, lintGutter } from '@codemirror/lint';

export function CodeEditor(props: { value: string; onChange: (v: string) => void; language: 'yaml' | 'env'; readOnly?: boolean; error?: { message: string; line?: number } | null; testId?: string }) {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  const onChange = useRef(props.onChange);
  onChange.current = props.onChange;

  useEffect(() => {
    if (!host.current) return;
    const v = new EditorView({
      parent: host.current,
      state: EditorState.create({
        doc: props.value,
        extensions: [
          basicSetup,
          lintGutter(),
          ...(props.language === 'yaml' ? [yaml()] : []),
          EditorState.readOnly.of(!!props.readOnly),
          EditorView.updateListener.of((u) => u.docChanged && onChange.current(u.state.doc.toString())),
          EditorView.theme({ '&': { fontSize: '13px', maxHeight: '60vh' }, '.cm-scroller': { overflow: 'auto' } }),
        ],
      }),
    });
    view.current = v;
    return () => v.destroy();
    // the document is replaced below; the editor is built once per language/readOnly
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [props.language, props.readOnly]);

  useEffect(() => {
    const v = view.current;
    if (v && v.state.doc.toString() !== props.value) v.dispatch({ changes: { from: 0, to: v.state.doc.length, insert: props.value } });
  }, [props.value]);

  useEffect(() => {
    const v = view.current;
    if (!v) return;
    const e = props.error;
    if (!e) return void v.dispatch(setDiagnostics(v.state, []));
    const lineNo = Math.min(Math.max(e.line ?? 1, 1), v.state.doc.lines);
    const line = v.state.doc.line(lineNo);
    v.dispatch(setDiagnostics(v.state, [{ from: line.from, to: line.to, severity: 'error', message: e.message }]));
  }, [props.error]);

  return <div ref={host} className="overflow-hidden rounded-md border border-slate-300 bg-white text-slate-900" data-testid={props.testId} />;
}
