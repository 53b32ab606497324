import { describe, expect, it } from 'vitest';
import { blockTotals, cpuPercent, memoryUsage, toSample } from './compute';

describe('stats as the docker CLI computes them', () => {
  it('computes CPU % from the per-CPU delta over the system delta times online CPUs', () => {
    const f = {
      cpu_stats: { cpu_usage: { total_usage: 2_000_000_000 }, system_cpu_usage: 20_000_000_000, online_cpus: 2 },
      precpu_stats: { cpu_usage: { total_usage: 1_500_000_000 }, system_cpu_usage: 18_000_000_000 },
    };
    expect(cpuPercent(f)).toBeCloseTo(50); // half a core of a 2-CPU host
  });

  it('answers 0 on the first frame, whose precpu is empty', () => {
    expect(cpuPercent({ cpu_stats: { cpu_usage: { total_usage: 5 }, system_cpu_usage: 10, online_cpus: 2 }, precpu_stats: { cpu_usage: {} } })).toBe(0);
  });

  it('falls back to the per-CPU list when online_cpus is missing', () => {
    const f = {
      cpu_stats: { cpu_usage: { total_usage: 300, percpu_usage: [1, 1, 1, 1] }, system_cpu_usage: 1000 },
      precpu_stats: { cpu_usage: { total_usage: 200 }, system_cpu_usage: 800 },
    };
    expect(cpuPercent(f)).toBeCloseTo(200);
  });

  it('subtracts inactive file cache from memory usage on cgroup v1 and v2', () => {
    expect(memoryUsage({ memory_stats: { usage: 100, stats: { total_inactive_file: 30 } } })).toBe(70);
    expect(memoryUsage({ memory_stats: { usage: 100, stats: { inactive_file: 40 } } })).toBe(60);
    expect(memoryUsage({ memory_stats: { usage: 100, stats: { total_inactive_file: 300 } } })).toBe(100);
    expect(memoryUsage({ memory_stats: { usage: 100 } })).toBe(100);
  });

  it('sums block IO in either spelling', () => {
    expect(blockTotals({ blkio_stats: { io_service_bytes_recursive: [{ op: 'Read', value: 5 }, { op: 'Write', value: 7 }, { op: 'read', value: 1 }, { op: 'Total', value: 13 }] } })).toEqual({ read: 6, write: 7 });
    expect(blockTotals({ blkio_stats: { io_service_bytes_recursive: null } })).toEqual({ read: 0, write: 0 });
  });

  it('computes rates against the previous sample', () => {
    const a = toSample('c', { read: '2026-01-01T00:00:00Z', networks: { eth0: { rx_bytes: 1000, tx_bytes: 0 } } }, null);
    const b = toSample('c', { read: '2026-01-01T00:00:02Z', networks: { eth0: { rx_bytes: 5000, tx_bytes: 10 } } }, a);
    expect(a.netRxRate).toBe(0);
    expect(b.netRxRate).toBe(2000);
    expect(b.netTxRate).toBe(5);
  });
});
