import { AuditLogView } from '@/components/audit/audit-log-view';

export default function Page() {
  return <AuditLogView />;
}
