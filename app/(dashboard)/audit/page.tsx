import { AuditLogView } from '@/components/audit-log-view';

export default function Page() {
  return <AuditLogView />;
}
