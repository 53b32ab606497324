import { Suspense } from 'react';
import { AccountView } from '@/components/account/account-view';

export default function Page() {
  return (
    <Suspense>
      <AccountView />
    </Suspense>
  );
}
