// Turns one frame of Docker's stats stream into a sample, computed exactly as the docker CLI does
// (cli/command/container/stats_helpers.go). Pure: unit-tested.
import type { StatsSample } from '../contract/stats';

export interface DockerStatsFrame {
  read?: string;
  cpu_stats?: { cpu_usage?: { total_usage?: number; percpu_usage?: number[] }; system_cpu_usage?: number; online_cpus?: number };
  precpu_stats?: { cpu_usage?: { total_usage?: number }; system_cpu_usage?: number };
  memory_stats?: { usage?: number; limit?: number; stats?: Record<string, number> };
  networks?: Record<string, { rx_bytes?: number; tx_bytes?: number }>;
  blkio_stats?: { io_service_bytes_recursive?: { op: string; value: number }[] | null };
}

/** Per-CPU delta over system delta, times online CPUs; 0 when either delta is missing (the first frame). */
export function cpuPercent(f: DockerStatsFrame): number {
  const cpu = f.cpu_stats, pre = f.precpu_stats;
  if (!cpu || !pre) return 0;
  const cpuDelta = (cpu.cpu_usage?.total_usage ?? 0) - (pre.cpu_usage?.total_usage ?? 0);
  const systemDelta = (cpu.system_cpu_usage ?? 0) - (pre.system_cpu_usage ?? 0);
  const online = cpu.online_cpus || cpu.cpu_usage?.percpu_usage?.length || 0;
  if (cpuDelta <= 0 || systemDelta <= 0 || !pre.system_cpu_usage) return 0;
  return (cpuDelta / systemDelta) * online * 100;
}

/** Usage minus inactive file cache: `total_inactive_file` on cgroup v1, `inactive_file` on v2. */
export function memoryUsage(f: DockerStatsFrame): number {
  const m = f.memory_stats;
  const usage = m?.usage ?? 0;
  const s = m?.stats ?? {};
  const inactive = s.total_inactive_file ?? s.inactive_file;
  if (inactive !== undefined && inactive < usage) return usage - inactive;
  return usage;
}

export function networkTotals(f: DockerStatsFrame): { rx: number; tx: number } {
  let rx = 0, tx = 0;
  for (const n of Object.values(f.networks ?? {})) {
    rx += n.rx_bytes ?? 0;
    tx += n.tx_bytes ?? 0;
  }
  return { rx, tx };
}

/** Block IO totals; cgroup v1 spells the ops `Read`/`Write`, v2 `read`/`write`. */
export function blockTotals(f: DockerStatsFrame): { read: number; write: number } {
  let read = 0, write = 0;
  for (const e of f.blkio_stats?.io_service_bytes_recursive ?? []) {
    const op = e.op.toLowerCase();
    if (op === 'read') read += e.value;
    else if (op === 'write') write += e.value;
  }
  return { read, write };
}

/** A sample from a frame, with rates against the previous sample of the same container. */
export function toSample(containerId: string, f: DockerStatsFrame, prev: StatsSample | null, now = Date.now()): StatsSample {
  const read = f.read ? Date.parse(f.read) : NaN;
  const ts = Number.isFinite(read) && read > 0 ? read : now;
  const net = networkTotals(f);
  const blk = blockTotals(f);
  const dt = prev ? (ts - prev.ts) / 1000 : 0;
  const rate = (cur: number, old: number | undefined) => (dt > 0 && old !== undefined ? Math.max(0, (cur - old) / dt) : 0);
  return {
    containerId,
    ts,
    cpuPercent: Math.round(cpuPercent(f) * 100) / 100,
    memBytes: memoryUsage(f),
    memLimit: f.memory_stats?.limit ?? 0,
    netRx: net.rx,
    netTx: net.tx,
    blkRead: blk.read,
    blkWrite: blk.write,
    netRxRate: rate(net.rx, prev?.netRx),
    netTxRate: rate(net.tx, prev?.netTx),
    blkReadRate: rate(blk.read, prev?.blkRead),
    blkWriteRate: rate(blk.write, prev?.blkWrite),
  };
}
