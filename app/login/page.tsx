import { LoginForm } from '@/components/auth-forms';

export default function Page() {
  return <LoginForm />;
}
