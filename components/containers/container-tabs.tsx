'use client';
// The container page's tabs: the overview, the raw inspect document, and files (operators and up).
export type ContainerTab = 'overview' | 'inspect' | 'files';

export function ContainerTabs({ tab, onTab, files }: { tab: ContainerTab; onTab: (t: ContainerTab) => void; files: boolean }) {
  const tabs: [ContainerTab, string][] = [['overview', 'Overview'], ['inspect', 'Inspect'], ...(files ? ([['files', 'Files']] as [ContainerTab, string][]) : [])];
  return (
    <div role="tablist" className="mt-4 flex gap-1 border-b border-slate-200">
      {tabs.map(([t, label]) => (
        <button key={t} role="tab" aria-selected={tab === t} className={`-mb-px border-b-2 px-3 py-1.5 text-sm ${tab === t ? 'border-indigo-600 font-semibold text-indigo-700' : 'border-transparent text-slate-600 hover:text-slate-900'}`} onClick={() => onTab(t)}>
          {label}
        </button>
      ))}
    </div>
  );
}
