import { ContainerStatsView } from '@/components/stats/container-stats-view';

export default async function Page({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return <ContainerStatsView id={id} />;
}
