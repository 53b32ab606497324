import { StacksOverview } from '@/components/stacks-overview';

export default function Page() {
  return <StacksOverview />;
}
