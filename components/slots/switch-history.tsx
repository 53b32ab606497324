'use client';
// The group's switches and deploys, newest first, with one-click rollback of the switch that made
// the current slot active.
import type { SlotGroup, SlotName, SwitchRecord } from '@/server/contract';
import { Badge } from '../badges';
import { useSlotHistoryQuery } from './slot-queries';

export function SwitchHistory({ group, canSwitch, onRollback }: { group: SlotGroup; canSwitch: boolean; onRollback: (to: SlotName) => void }) {
  const history = useSlotHistoryQuery(group.group);
  const rows = history.data ?? [];
  const lastOk = rows.find((r) => r.kind === 'switch' && r.result === 'ok');
  const rollbackable = (r: SwitchRecord) => canSwitch && r === lastOk && r.to === group.active && (r.from === 'blue' || r.from === 'green') && r.from !== r.to;
  if (history.isLoading) return <p className="text-sm text-slate-500">Loading history…</p>;
  if (rows.length === 0) return <p className="text-sm text-slate-500">No switches or deploys yet.</p>;
  return (
    <div className="overflow-x-auto">
    <table className="min-w-full divide-y divide-slate-100" data-testid="slot-history">
      <thead>
        <tr>
          <th className="th">When</th><th className="th">Who</th><th className="th">What</th><th className="th">Result</th><th className="th text-right">Took</th><th className="th" />
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-100">
        {rows.map((r) => (
          <tr key={r.id} data-testid="history-row">
            <td className="td whitespace-nowrap text-xs text-slate-500">{new Date(r.at).toLocaleString()}</td>
            <td className="td text-xs">{r.username}</td>
            <td className="td text-xs">
              {r.kind === 'switch' ? <>switch <b>{r.from ?? '?'}</b> → <b>{r.to}</b></> : <>deploy <span className="font-mono">{r.image}</span> to <b>{r.to}</b></>}
              {r.error ? <div className="max-w-sm truncate text-rose-600" title={r.error}>{r.error}</div> : null}
            </td>
            <td className="td"><Badge color={r.result === 'ok' ? 'green' : r.result === 'refused' || r.result === 'interrupted' ? 'amber' : r.result === 'running' ? 'blue' : 'red'}>{r.result}</Badge></td>
            <td className="td whitespace-nowrap text-right font-mono text-xs text-slate-500">{r.durationMs} ms</td>
            <td className="td whitespace-nowrap text-right">
              {rollbackable(r) ? (
                <button className="btn" data-testid="rollback" onClick={() => onRollback(r.from as SlotName)}>Roll back to {r.from}</button>
              ) : null}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
    </div>
  );
}
