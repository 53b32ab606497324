'use client';
// A page's title bar and body, inside the one dashboard frame (components/frame/dashboard-frame.tsx), which
// holds the navigation, the session and the live updates.
export function AppShell({ title, actions, children }: { title: string; actions?: React.ReactNode; children: React.ReactNode }) {
  return (
    <>
      <header className="flex flex-wrap items-center justify-between gap-x-4 gap-y-2 px-4 pb-4 pt-6 md:px-8">
        <h1 className="text-xl font-semibold text-slate-900">{title}</h1>
        <div className="flex flex-wrap items-center gap-2">{actions}</div>
      </header>
      <div className="px-4 pb-10 md:px-8">{children}</div>
    </>
  );
}
