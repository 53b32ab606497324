import { SlotsView } from '@/components/slots/slots-view';

export default function Page() {
  return <SlotsView />;
}
