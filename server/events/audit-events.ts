// Audit entries as `user.action` timeline events (pure). Only who, what, on what and the result are
// copied, plus detail fields that are plain scalars under names that cannot hold a credential: a
// password, token, secret, key, code or cookie never reaches the timeline, whose readers are viewers.
import type { NewTimelineEvent } from '../contract';
import type { AuditInput } from '../audit/audit-log';

const SECRETISH = /pass|secret|token|key|code|cookie|auth|otp|credential|env|command|cmd/i;
const MAX_FIELDS = 12;

function safeDetail(d: AuditInput['detail']): Record<string, string | number | boolean | null> {
  if (!d || typeof d !== 'object') return {};
  const out: Record<string, string | number | boolean | null> = {};
  for (const [k, v] of Object.entries(d)) {
    if (Object.keys(out).length >= MAX_FIELDS) break;
    if (SECRETISH.test(k)) continue;
    if (v === null || typeof v === 'number' || typeof v === 'boolean') out[k] = v;
    else if (typeof v === 'string') out[k] = v.slice(0, 200);
  }
  return out;
}

/** Stack operations name `env/stack[/service]` as their target: the event lands on that stack's lane. */
function scopeOf(e: AuditInput, defaultEnv: string): { env: string; project: string | null; service: string | null } {
  const parts = (e.target ?? '').split('/');
  if (e.action.startsWith('stack.') && parts.length >= 2) return { env: parts[0] || defaultEnv, project: parts[1] || null, service: parts[2] || null };
  if (e.action === 'service.update' && parts.length === 2) return { env: defaultEnv, project: parts[0] || null, service: parts[1] || null };
  return { env: defaultEnv, project: null, service: null };
}

export function fromAudit(e: AuditInput, defaultEnv: string): { env: string; event: NewTimelineEvent } {
  const { env, project, service } = scopeOf(e, defaultEnv);
  const who = e.username ?? 'someone';
  return {
    env,
    event: {
      project, service, container: null, kind: 'user.action',
      severity: e.result === 'ok' ? 'info' : 'warning',
      summary: `${who}: ${e.action}${e.target ? ` ${e.target}` : ''}${e.result === 'ok' ? '' : ` (${e.result})`}`.slice(0, 300),
      detail: { ...safeDetail(e.detail), username: e.username, action: e.action, target: e.target ?? null, result: e.result },
    },
  };
}
