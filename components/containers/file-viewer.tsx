'use client';
// A read-only CodeMirror view of a text file (YAML highlighted; other text plain, with line numbers).
import { useEffect, useRef } from 'react';
import { basicSetup, EditorView } from 'codemirror';
import { EditorState } from '@codemirror/state';
import { yaml } from '@codemirror/lang-yaml';

export function FileViewer({ name, text }: { name: string; text: string }) {
  const host = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!host.current) return;
    const v = new EditorView({
      parent: host.current,
      state: EditorState.create({
        doc: text,
        extensions: [
          basicSetup,
          ...(/\.ya?ml$/i.test(name) ? [yaml()] : []),
          EditorState.readOnly.of(true),
          EditorView.editable.of(false),
          EditorView.theme({ '&': { fontSize: '12px', maxHeight: '60vh' }, '.cm-scroller': { overflow: 'auto' } }),
        ],
      }),
    });
    return () => v.destroy();
  }, [name, text]);
  return <div ref={host} className="overflow-hidden rounded-md border border-slate-300 bg-white text-slate-900" data-testid="file-viewer" />;
}
