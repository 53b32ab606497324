// The one pending "confirm it is you" request of this tab: api() and the shell ask for it when the server
// answers 401 {needs: "reauth"}; the prompt (reauth-prompt.tsx) shows while one is pending and settles it.
type Listener = () => void;
let pending: { promise: Promise<boolean>; resolve: (ok: boolean) => void } | null = null;
const listeners = new Set<Listener>();

function notify() {
  for (const l of listeners) l();
}

/** Resolves true once the user re-authenticated, false when they cancelled. Parallel callers share one prompt. */
export function requestReauth(): Promise<boolean> {
  if (!pending) {
    let resolve!: (ok: boolean) => void;
    const promise = new Promise<boolean>((r) => (resolve = r));
    pending = { promise, resolve };
    notify();
  }
  return pending.promise;
}

export function settleReauth(ok: boolean) {
  const p = pending;
  pending = null;
  p?.resolve(ok);
  notify();
}

export function reauthPending(): boolean {
  return pending !== null;
}

export function subscribeReauth(l: Listener): () => void {
  listeners.add(l);
  return () => listeners.delete(l);
}
