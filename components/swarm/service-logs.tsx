'use client';
// A service's logs (every task, every node), followed live over the socket; the last 2000 lines kept.
import { useEffect, useRef, useState } from 'react';
import { getSocket } from '../socket';
import { Ansi } from '../logs/ansi';
import { SWARM_EVENTS, type Ack, type SwarmLogLine, type SwarmLogsEndedEvent, type SwarmLogsLinesEvent, type SwarmLogsSubscribeAck } from '@/server/contract';

const KEEP = 2000;
const COLORS = ['text-sky-300', 'text-emerald-300', 'text-fuchsia-300', 'text-amber-300', 'text-cyan-300', 'text-rose-300'];

export function ServiceLogs({ serviceId }: { serviceId: string }) {
  const [lines, setLines] = useState<(SwarmLogLine & { n: number })[]>([]);
  const [status, setStatus] = useState('connecting…');
  const [follow, setFollow] = useState(true);
  const box = useRef<HTMLDivElement>(null);
  const seq = useRef(0);

  useEffect(() => {
    const socket = getSocket();
    let sub: string | null = null;
    let closed = false;
    const onLines = (ev: SwarmLogsLinesEvent) => {
      if (ev.subscriptionId !== sub) return;
      setLines((prev) => [...prev, ...ev.lines.map((l) => ({ ...l, n: seq.current++ }))].slice(-KEEP));
    };
    const onEnded = (ev: SwarmLogsEndedEvent) => ev.subscriptionId === sub && setStatus(ev.message);
    const subscribe = async () => {
      const r: Ack<SwarmLogsSubscribeAck> = await socket
        .emitWithAck(SWARM_EVENTS.logsSubscribe, { serviceId, tail: 200 })
        .catch((e: Error) => ({ ok: false as const, status: 0, error: e.message }));
      if (closed) {
        if (r.ok) socket.emit(SWARM_EVENTS.logsUnsubscribe, { subscriptionId: r.subscriptionId });
        return;
      }
      if (!r.ok) return setStatus(`could not follow the logs: ${r.error}`);
      sub = r.subscriptionId;
      setLines([]);
      setStatus('following');
    };
    socket.on(SWARM_EVENTS.logsLines, onLines);
    socket.on(SWARM_EVENTS.logsEnded, onEnded);
    socket.on('connect', subscribe);
    if (socket.connected) void subscribe();
    return () => {
      closed = true;
      socket.off(SWARM_EVENTS.logsLines, onLines);
      socket.off(SWARM_EVENTS.logsEnded, onEnded);
      socket.off('connect', subscribe);
      if (sub) socket.emit(SWARM_EVENTS.logsUnsubscribe, { subscriptionId: sub });
    };
  }, [serviceId]);

  useEffect(() => {
    if (follow && box.current) box.current.scrollTop = box.current.scrollHeight;
  }, [lines, follow]);

  const tasks = [...new Set(lines.map((l) => l.task ?? l.taskId ?? ''))];
  return (
    <section className="card overflow-hidden" data-testid="service-logs">
      <div className="flex items-center gap-3 border-b border-slate-200 bg-slate-50 px-4 py-2.5">
        <h2 className="font-semibold text-slate-800">Logs</h2>
        <span className="text-xs text-slate-500">{status} · {lines.length} lines</span>
        <label className="ml-auto flex items-center gap-1.5 text-xs text-slate-600">
          <input type="checkbox" checked={follow} onChange={(e) => setFollow(e.target.checked)} /> follow
        </label>
      </div>
      <div ref={box} className="h-72 overflow-auto bg-slate-950 px-3 py-2 font-mono text-[12px] leading-5 text-slate-200">
        {lines.length === 0 ? <div className="text-slate-500">No log lines yet.</div> : null}
        {lines.map((l) => {
          const task = l.task ?? l.taskId?.slice(0, 10) ?? '';
          return (
            <div key={l.n} className={`whitespace-pre-wrap break-all ${l.stream === 'stderr' ? 'text-rose-300' : ''}`} data-testid="service-log-line">
              <span className="mr-2 text-slate-500">{l.ts.slice(11, 23)}</span>
              <span className={`mr-2 ${COLORS[tasks.indexOf(task) % COLORS.length]}`}>{task}</span>
              <Ansi text={l.text} mark={(s, key) => <span key={key}>{s}</span>} />
            </div>
          );
        })}
      </div>
    </section>
  );
}
