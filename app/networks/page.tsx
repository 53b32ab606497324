import { NetworksPage } from '@/components/networks/networks-page';

export default function Page() {
  return <NetworksPage />;
}
