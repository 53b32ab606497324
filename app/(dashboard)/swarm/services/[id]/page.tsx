import { ServiceView } from '@/components/swarm/service-view';

export default async function Page({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return <ServiceView id={id} />;
}
