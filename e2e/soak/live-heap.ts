// The server's live JS heap: a full garbage collection through the V8 inspector, then the heap in use.
// RSS and the heap in use between collections say how big V8 let the heap grow, not what the server
// keeps: V8 collects the old generation lazily under a high allocation rate (the heap in use rose
// 120 → 264 MB and fell back to 155 MB in one quiet run), so a leak shows only in the heap that survives a full
// collection. Only the soak's own server runs with --inspect, bound to 127.0.0.1.
// `ws` comes in with socket.io-client (pinned by package-lock.json); Node 20 has no WebSocket of its own.
import WebSocket from 'ws';

interface CdpAnswer {
  id: number;
  result?: { usedSize?: number };
  error?: { message: string };
}

/** MB of JS heap in use right after a full collection of the process listening for the inspector on `port`. */
export async function liveHeapMb(inspectPort: number): Promise<number> {
  const targets = (await (await fetch(`http://127.0.0.1:${inspectPort}/json/list`)).json()) as { webSocketDebuggerUrl: string }[];
  if (!targets[0]?.webSocketDebuggerUrl) throw new Error(`no inspector target on port ${inspectPort}`);
  const ws = new WebSocket(targets[0].webSocketDebuggerUrl);
  try {
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
    });
    let next = 1;
    const call = (method: string) =>
      new Promise<CdpAnswer['result']>((resolve, reject) => {
        const id = next++;
        const timer = setTimeout(() => reject(new Error(`${method}: no answer in 30 s`)), 30_000);
        const onMessage = (data: WebSocket.RawData) => {
          const msg = JSON.parse(data.toString()) as CdpAnswer;
          if (msg.id !== id) return;
          clearTimeout(timer);
          ws.off('message', onMessage);
          if (msg.error) reject(new Error(`${method}: ${msg.error.message}`));
          else resolve(msg.result);
        };
        ws.on('message', onMessage);
        ws.send(JSON.stringify({ id, method }));
      });
    await call('HeapProfiler.collectGarbage');
    const usage = await call('Runtime.getHeapUsage');
    if (typeof usage?.usedSize !== 'number') throw new Error('Runtime.getHeapUsage: no usedSize');
    return usage.usedSize / 1024 / 1024;
  } finally {
    ws.close();
  }
}
