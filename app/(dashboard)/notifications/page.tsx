import { NotificationsAdmin } from '@/components/notifications-admin';

export default function Page() {
  return <NotificationsAdmin />;
}
