// The audit log as a download: CSV (RFC 4180) or JSON lines, pulled a page at a time as the client
// reads, so a long log is never held whole.
import type { Db } from '../store/db';
import type { AuditEntry, AuditFilters } from '../contract';
import type { Principal } from '../auth/permissions';
import { allAudit, csvField, type AuditEnvFilter } from './audit-log';

// CSV keeps its columns (spreadsheets made from earlier exports); JSON lines carry every field, `env` too
const COLUMNS = ['id', 'at', 'username', 'action', 'target', 'result', 'detail'] as const;

export function auditLine(e: AuditEntry, format: 'csv' | 'jsonl'): string {
  return format === 'csv' ? `${COLUMNS.map((c) => csvField(e[c])).join(',')}\r\n` : `${JSON.stringify(e)}\n`;
}

export function auditExport(db: Db, viewer: Principal, filters: AuditFilters, format: 'csv' | 'jsonl', env?: AuditEnvFilter) {
  const rows = allAudit(db, viewer, filters, env);
  const encoder = new TextEncoder();
  let headerSent = format !== 'csv';
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      let chunk = headerSent ? '' : `${COLUMNS.join(',')}\r\n`;
      headerSent = true;
      for (let i = 0; i < 200; i++) {
        const next = rows.next();
        if (next.done) {
          if (chunk) controller.enqueue(encoder.encode(chunk));
          controller.close();
          return;
        }
        chunk += auditLine(next.value, format);
      }
      controller.enqueue(encoder.encode(chunk));
    },
  });
  const stamp = new Date().toISOString().slice(0, 19).replaceAll(':', '');
  return { body, contentType: format === 'csv' ? 'text/csv; charset=utf-8' : 'application/x-ndjson; charset=utf-8', filename: `slipway-audit-${stamp}.${format === 'csv' ? 'csv' : 'jsonl'}` };
}
