'use client';
// Keyboard shortcuts for the common moves: `g s` stacks, `g l` logs, `g o` overview, `/` the page's
// search or filter, `?` this list. Never while typing: inputs, textareas, selects, editable text, the
// CodeMirror editor and the xterm shell keep every key.
import { useEffect, useState } from 'react';
import { useRouter } from 'next/navigation';
import { Modal } from './modal';

const GO: Record<string, { href: string; label: string }> = {
  s: { href: '/stacks', label: 'Stacks' },
  l: { href: '/logs', label: 'Logs' },
  o: { href: '/', label: 'Overview' },
};

export const SHORTCUTS: [string, string][] = [
  ...Object.entries(GO).map(([k, v]): [string, string] => [`g ${k}`, `Go to ${v.label}`]),
  ['/', "Focus the page's search or filter"],
  ['?', 'Show this list'],
  ['Esc', 'Close a dialog or the menu'],
];

/** The page's own search or filter field, by how pages label them. */
const SEARCH_FIELD = ['input[type="search"]', 'input[aria-label^="Search"]', 'input[aria-label^="Filter"]', 'input[placeholder^="Search"]', 'input[placeholder^="Filter"]']
  .map((s) => `main ${s}`)
  .join(', ');

function typingIn(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (/^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName)) return true;
  return target.closest('.cm-editor, .xterm, [role="dialog"]') !== null;
}

const GO_WINDOW_MS = 1500;

export function KeyboardShortcuts() {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  useEffect(() => {
    let gAt = 0;
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey || typingIn(e.target)) return;
      if (gAt && Date.now() - gAt < GO_WINDOW_MS && GO[e.key]) {
        gAt = 0;
        e.preventDefault();
        router.push(GO[e.key].href);
        return;
      }
      gAt = e.key === 'g' ? Date.now() : 0;
      if (e.key === '?') {
        e.preventDefault();
        setOpen(true);
      } else if (e.key === '/') {
        const field = [...document.querySelectorAll<HTMLInputElement>(SEARCH_FIELD)].find((el) => el.offsetParent !== null);
        if (field) {
          e.preventDefault();
          field.focus();
          field.select();
        }
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [router]);
  if (!open) return null;
  return (
    <Modal labelledBy="shortcuts-title" onClose={() => setOpen(false)}>
      <div className="card w-full max-w-sm p-5 shadow-xl">
        <h3 id="shortcuts-title" className="text-base font-semibold">Keyboard shortcuts</h3>
        <dl className="mt-3 grid grid-cols-[5rem_1fr] gap-y-1.5 text-sm" data-testid="shortcut-list">
          {SHORTCUTS.map(([keys, what]) => (
            <div key={keys} className="contents">
              <dt><kbd className="rounded border border-slate-300 bg-slate-50 px-1.5 py-0.5 font-mono text-xs">{keys}</kbd></dt>
              <dd className="text-slate-600">{what}</dd>
            </div>
          ))}
        </dl>
        <div className="mt-4 flex justify-end"><button type="button" className="btn" onClick={() => setOpen(false)}>Close</button></div>
      </div>
    </Modal>
  );
}
