import { ContainerShellView } from '@/components/shell/container-shell-view';

export default async function Page({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return <ContainerShellView id={id} />;
}
