import { VolumesPage } from '@/components/volumes/volumes-page';

export default function Page() {
  return <VolumesPage />;
}
