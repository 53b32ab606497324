import { UsersAdmin } from '@/components/users-admin';

export default function Page() {
  return <UsersAdmin />;
}
