'use client';
// System / light / dark, in the sidebar's footer. "System" follows the OS setting live.
import { useEffect, useState } from 'react';
import { applyTheme, readTheme, saveTheme, type ThemeChoice } from './theme';

export function ThemeSwitch() {
  const [choice, setChoice] = useState<ThemeChoice>('system');
  useEffect(() => setChoice(readTheme()), []);
  useEffect(() => {
    if (choice !== 'system') return;
    const mq = window.matchMedia('(prefers-color-scheme: dark)');
    const follow = () => applyTheme('system');
    mq.addEventListener('change', follow);
    return () => mq.removeEventListener('change', follow);
  }, [choice]);
  return (
    <label className="mt-3 flex items-center gap-2 text-slate-400">
      Theme
      <select
        data-testid="theme-switch"
        aria-label="Theme"
        className="rounded bg-slate-800 px-1.5 py-0.5 text-xs text-slate-200"
        value={choice}
        onChange={(e) => { const c = e.target.value as ThemeChoice; setChoice(c); saveTheme(c); }}
      >
        <option value="system">System</option>
        <option value="light">Light</option>
        <option value="dark">Dark</option>
      </select>
    </label>
  );
}
