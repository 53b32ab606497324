'use client';
// One terminal bound to one shell session: xterm.js + fit addon, in-band resize, copy and paste.
// The session belongs to this tab's socket; unmounting (tab closed, page left) closes it.
import { requestReauth } from '../account/reauth-store';
import '@xterm/xterm/css/xterm.css';
import { useEffect, useRef } from 'react';
import type { Terminal } from '@xterm/xterm';
import type { FitAddon } from '@xterm/addon-fit';
import { SHELL_EVENTS, type Ack, type ShellExitEvent, type ShellOpenAck, type ShellOutputEvent } from '@/server/contract';
import { getSocket } from '../socket';

export type ShellStatus = { state: 'opening' } | { state: 'open'; cmd: string[] } | { state: 'ended'; text: string } | { state: 'failed'; text: string };

const THEME = { background: '#0b1220', foreground: '#e2e8f0', cursor: '#a5b4fc', selectionBackground: '#334155' };
const FONT = 'ui-monospace, SFMono-Regular, Menlo, Consolas, "DejaVu Sans Mono", "Liberation Mono", monospace';

export function exitText(e: ShellExitEvent): string {
  switch (e.reason) {
    case 'exited': return `Process exited with code ${e.code ?? 'unknown'}.`;
    case 'container-stopped': return 'The container stopped; the session ended.';
    case 'idle': return 'Closed after being idle too long.';
    case 'shutdown': return 'Slipway is shutting down; the session ended.';
    case 'closed': return 'Session closed.';
    default: return 'The session ended.';
  }
}

export function ShellTerminal(props: { containerId: string; cmd?: string[]; user?: string; active: boolean; onStatus: (s: ShellStatus) => void }) {
  const host = useRef<HTMLDivElement>(null);
  const fitRef = useRef<(() => void) | null>(null);
  const termRef = useRef<Terminal | null>(null);
  const { containerId, cmd, user, onStatus } = props;
  const statusRef = useRef(onStatus);
  statusRef.current = onStatus;

  useEffect(() => {
    let disposed = false;
    let sessionId: string | null = null;
    let ended = false;
    const socket = getSocket();
    const cleanups: (() => void)[] = [];

    const end = (term: Terminal, text: string, colour = '33') => {
      if (ended) return;
      ended = true;
      term.write(`\r\n\x1b[${colour}m[${text}]\x1b[0m\r\n`);
      statusRef.current({ state: 'ended', text });
    };

    void (async () => {
      const [{ Terminal }, { FitAddon }] = await Promise.all([import('@xterm/xterm'), import('@xterm/addon-fit')]);
      if (disposed || !host.current) return;
      const term = new Terminal({ cursorBlink: true, fontFamily: FONT, fontSize: 13, lineHeight: 1.15, scrollback: 5000, theme: THEME, allowProposedApi: false });
      const fit: FitAddon = new FitAddon();
      term.loadAddon(fit);
      term.open(host.current);
      termRef.current = term;
      const refit = () => {
        // A hidden tab has no size; it refits when shown.
        if (!host.current || host.current.offsetWidth === 0) return;
        try { fit.fit(); } catch { /* not laid out yet */ }
      };
      fitRef.current = refit;
      refit();
      cleanups.push(() => term.dispose());

      // Copy: Ctrl+Shift+C, or Ctrl+C while text is selected. Paste: Ctrl+Shift+V / Ctrl+V (browser paste event).
      term.attachCustomKeyEventHandler((e) => {
        if (e.type !== 'keydown') return true;
        const key = e.key.toLowerCase();
        if ((e.ctrlKey || e.metaKey) && key === 'c' && (e.shiftKey || term.hasSelection())) {
          const text = term.getSelection();
          if (text) void navigator.clipboard?.writeText(text).catch(() => document.execCommand('copy'));
          term.clearSelection();
          e.preventDefault();
          return false;
        }
        if ((e.ctrlKey || e.metaKey) && key === 'v') return false; // let the browser fire paste into xterm
        return true;
      });

      const onOutput = (e: ShellOutputEvent) => { if (e.sessionId === sessionId) term.write(e.data); };
      const onExit = (e: ShellExitEvent) => {
        if (e.sessionId !== sessionId) return;
        end(term, exitText(e), e.reason === 'exited' && e.code === 0 ? '90' : '33');
      };
      // The server ends this socket's sessions when it drops; there is nothing to resume.
      const onDisconnect = () => end(term, 'Connection lost; the session ended. Open a new shell to continue.', '91');
      socket.on(SHELL_EVENTS.output, onOutput);
      socket.on(SHELL_EVENTS.exit, onExit);
      socket.on('disconnect', onDisconnect);
      cleanups.push(() => {
        socket.off(SHELL_EVENTS.output, onOutput);
        socket.off(SHELL_EVENTS.exit, onExit);
        socket.off('disconnect', onDisconnect);
      });

      const data = term.onData((d) => {
        if (!sessionId || ended) return;
        // A large paste goes in pieces the server accepts (shell:input takes at most 64 KiB).
        for (let i = 0; i < d.length; i += 16_384) socket.emit(SHELL_EVENTS.input, { sessionId, data: d.slice(i, i + 16_384) });
      });
      const resize = term.onResize(({ cols, rows }) => { if (sessionId && !ended) socket.emit(SHELL_EVENTS.resize, { sessionId, cols, rows }); });
      cleanups.push(() => { data.dispose(); resize.dispose(); });

      const observer = new ResizeObserver(() => requestAnimationFrame(refit));
      observer.observe(host.current);
      cleanups.push(() => observer.disconnect());

      // Callback ack (not a promise): the id is known before the first shell:output is handled.
      const open = () => socket.timeout(20_000).emit(SHELL_EVENTS.open, { containerId, cmd, user, cols: term.cols, rows: term.rows }, (err: Error | null, r: Ack<ShellOpenAck>) => {
        if (disposed) {
          if (!err && r.ok) socket.emit(SHELL_EVENTS.close, { sessionId: r.sessionId });
          return;
        }
        // a root shell needs a proof of the user within 10 minutes: ask for it, then try again
        if (!err && !r.ok && r.needs === 'reauth') {
          void requestReauth().then((ok) => {
            if (ok && !disposed) open();
            else if (!disposed) {
              ended = true;
              term.write('\x1b[1;91mCannot open a shell:\x1b[0m \x1b[97mnot confirmed\x1b[0m\r\n');
              statusRef.current({ state: 'failed', text: 'not confirmed' });
            }
          });
          return;
        }
        if (err || !r.ok) {
          const text = err ? 'No answer from the server.' : r.ok ? '' : r.error;
          ended = true;
          term.write(`\x1b[1;91mCannot open a shell:\x1b[0m \x1b[97m${text}\x1b[0m\r\n`);
          statusRef.current({ state: 'failed', text });
          return;
        }
        sessionId = r.sessionId;
        statusRef.current({ state: 'open', cmd: r.cmd });
        term.focus();
      });
      open();
    })();

    return () => {
      disposed = true;
      if (sessionId && !ended) socket.emit(SHELL_EVENTS.close, { sessionId });
      for (const c of cleanups.reverse()) c();
      termRef.current = null;
    };
  }, [containerId, cmd, user]);

  useEffect(() => {
    if (!props.active) return;
    fitRef.current?.();
    termRef.current?.focus();
  }, [props.active]);

  return <div ref={host} data-testid="shell-terminal" className="h-full w-full overflow-hidden" />;
}
