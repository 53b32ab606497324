import { VolumeFilesView } from '@/components/containers/volume-files-view';

export default async function Page({ params }: { params: Promise<{ name: string }> }) {
  const { name } = await params;
  return <VolumeFilesView name={decodeURIComponent(name)} />;
}
