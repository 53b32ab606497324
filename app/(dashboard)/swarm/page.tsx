import { SwarmView } from '@/components/swarm/swarm-view';

export default function Page() {
  return <SwarmView />;
}
