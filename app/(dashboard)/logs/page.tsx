import { LogsView, type LogsParams } from '@/components/logs/logs-view';

export const dynamic = 'force-dynamic';

export default async function Page({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const raw = await searchParams;
  const initial: LogsParams = {};
  for (const [k, v] of Object.entries(raw)) if (typeof v === 'string') (initial as Record<string, string>)[k] = v;
  // A new target or new URL options remount the view with them.
  return <LogsView key={JSON.stringify(initial.container ?? [initial.project, initial.service])} initial={initial} />;
}
