import { UpdatesPage } from '@/components/updates/updates-page';

export default function Page() {
  return <UpdatesPage />;
}
