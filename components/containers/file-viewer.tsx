'use client';
// A read-only CodeMirror view of a text file, highlighted by its name (file-language.ts; plain otherwise),
// with line numbers. The grammar loads after the text shows, so a big file is never held up by it.
import { useEffect, useRef, useState } from 'react';
import { basicSetup, EditorView } from 'codemirror';
import { Compartment, EditorState } from '@codemirror/state';
import { languageFor } from './file-language';

export function FileViewer({ name, text }: { name: string; text: string }) {
  const host = useRef<HTMLDivElement>(null);
  const lang = languageFor(name);
  const [highlighted, setHighlighted] = useState<string | null>(null);
  useEffect(() => {
    if (!host.current) return;
    const language = new Compartment();
    const v = new EditorView({
      parent: host.current,
      state: EditorState.create({
        doc: text,
        extensions: [
          basicSetup,
          language.of([]),
          EditorState.readOnly.of(true),
          EditorView.editable.of(false),
          EditorView.theme({ '&': { fontSize: '12px', maxHeight: '60vh' }, '.cm-scroller': { overflow: 'auto' } }),
        ],
      }),
    });
    let live = true;
    setHighlighted(null);
    if (lang)
      void lang.load().then(
        (ext) => {
          if (!live) return;
          v.dispatch({ effects: language.reconfigure(ext) });
          setHighlighted(lang.label);
        },
        () => undefined, // plain text stays readable if a grammar fails to load
      );
    return () => {
      live = false;
      v.destroy();
    };
    // `lang` follows from `name`
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [name, text]);
  return (
    <div>
      <div className="mb-1 text-xs text-slate-500" data-testid="file-language">{highlighted ? `highlighted as ${highlighted}` : lang ? 'loading highlighting…' : 'plain text'}</div>
      <div ref={host} className="overflow-hidden rounded-md border border-slate-300 bg-white text-slate-900" data-testid="file-viewer" />
    </div>
  );
}
