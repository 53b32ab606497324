import { SetupForm } from '@/components/auth-forms';

export default function Page() {
  return <SetupForm />;
}
