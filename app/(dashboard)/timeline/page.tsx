import { TimelineView } from '@/components/timeline/timeline-view';

export const dynamic = 'force-dynamic';

export default async function Page({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { project } = await searchParams;
  const p = typeof project === 'string' && project ? project : undefined;
  return <TimelineView key={p ?? ''} project={p} />;
}
