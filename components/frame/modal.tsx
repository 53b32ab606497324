'use client';
// The one modal frame every dialog sits in: a dimmed backdrop, aria-modal, Escape to close (unless
// the dialog is busy finishing something it must not abandon), and focus moved into the dialog so
// keyboard users start inside it.
import { useEffect, useRef } from 'react';

export function Modal({ labelledBy, label, onClose, busy = false, top = false, children }: {
  /** id of the dialog's heading, or `label` when it has none */
  labelledBy?: string;
  label?: string;
  onClose: () => void;
  /** while true, Escape does nothing (an action is running) */
  busy?: boolean;
  /** tall dialogs start at the top and scroll */
  top?: boolean;
  children: React.ReactNode;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const close = useRef(onClose);
  close.current = onClose;
  const busyRef = useRef(busy);
  busyRef.current = busy;
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape' || busyRef.current) return;
      e.stopPropagation();
      close.current();
    };
    window.addEventListener('keydown', onKey);
    const first = ref.current?.querySelector<HTMLElement>('input, textarea, select, button:not([disabled])');
    if (first && !ref.current?.contains(document.activeElement)) first.focus({ preventScroll: true });
    return () => window.removeEventListener('keydown', onKey);
  }, []);
  return (
    <div
      ref={ref}
      role="dialog"
      aria-modal="true"
      aria-labelledby={labelledBy}
      aria-label={labelledBy ? undefined : label}
      className={`fixed inset-0 z-50 flex justify-center overflow-y-auto bg-slate-900/40 p-3 sm:p-4 ${top ? 'items-start' : 'items-center'}`}
    >
      {children}
    </div>
  );
}
