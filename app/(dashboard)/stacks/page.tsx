import { StacksListView } from '@/components/stacks/stacks-list-view';

export default function Page() {
  return <StacksListView />;
}
