import { ContainerDetailView } from '@/components/container-detail-view';

export default async function Page({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return <ContainerDetailView id={id} />;
}
