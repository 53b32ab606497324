// One container's collector: ONE Docker stats stream, however many viewers, and a ring buffer of the
// last 10 minutes so a chart opens with history. The hub starts and stops it.
import type Docker from 'dockerode';
import type { StatsSample } from '../contract/stats';
import { toSample, type DockerStatsFrame } from './compute';

export const HISTORY_MS = 10 * 60 * 1000;
const MAX_SAMPLES = 700; // 10 min at Docker's 1 Hz, with room for jitter

export class Collector {
  readonly viewers = new Set<string>();
  readonly history: StatsSample[] = [];
  streamsOpened = 0;
  stopsAt: number | null = null;
  graceTimer: NodeJS.Timeout | null = null;
  private stream: NodeJS.ReadableStream | null = null;
  private stopped = false;
  private retry: NodeJS.Timeout | null = null;

  constructor(
    readonly containerId: string,
    private docker: Docker,
    private onSample: (s: StatsSample) => void,
    private isRunning: () => boolean,
    private hostMemory: () => number,
  ) {}

  start() {
    void this.open();
  }

  latest(): StatsSample | null {
    return this.history[this.history.length - 1] ?? null;
  }

  private async open() {
    if (this.stopped) return;
    try {
      const stream = (await this.docker.getContainer(this.containerId).stats({ stream: true })) as unknown as NodeJS.ReadableStream;
      if (this.stopped) return void (stream as unknown as { destroy: () => void }).destroy();
      this.stream = stream;
      this.streamsOpened++;
      let buf = '';
      stream.on('data', (chunk: Buffer) => {
        buf += chunk.toString('utf8');
        let nl: number;
        while ((nl = buf.indexOf('\n')) >= 0) {
          const line = buf.slice(0, nl);
          buf = buf.slice(nl + 1);
          if (line.trim()) this.frame(line);
        }
      });
      const ended = () => {
        if (this.stream !== stream) return;
        this.stream = null;
        this.reopenLater();
      };
      stream.on('end', ended);
      stream.on('close', ended);
      stream.on('error', ended);
    } catch {
      this.reopenLater();
    }
  }

  /** The stream ends when the container stops or the engine goes away; reopen while someone watches. */
  private reopenLater() {
    if (this.stopped || this.retry) return;
    this.retry = setTimeout(() => {
      this.retry = null;
      if (this.isRunning()) void this.open();
      else this.reopenLater();
    }, 2000);
    this.retry.unref();
  }

  private frame(line: string) {
    let f: DockerStatsFrame;
    try {
      f = JSON.parse(line) as DockerStatsFrame;
    } catch {
      return;
    }
    // A stopped container's stream sends empty frames; they are not readings.
    if (!f.precpu_stats?.system_cpu_usage || !f.cpu_stats?.system_cpu_usage) return;
    const sample = toSample(this.containerId, f, this.latest());
    const host = this.hostMemory();
    sample.memLimited = host > 0 ? sample.memLimit < host : true;
    this.history.push(sample);
    const cutoff = sample.ts - HISTORY_MS;
    while (this.history.length > MAX_SAMPLES || (this.history.length && this.history[0].ts < cutoff)) this.history.shift();
    this.onSample(sample);
  }

  stop() {
    this.stopped = true;
    if (this.retry) clearTimeout(this.retry);
    if (this.graceTimer) clearTimeout(this.graceTimer);
    (this.stream as unknown as { destroy?: () => void } | null)?.destroy?.();
    this.stream = null;
  }
}
