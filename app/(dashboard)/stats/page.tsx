import { Suspense } from 'react';
import { StackStatsView } from '@/components/stats/stack-stats-view';

export default function Page() {
  return (
    <Suspense>
      <StackStatsView />
    </Suspense>
  );
}
