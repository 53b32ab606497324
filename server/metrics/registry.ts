// A tiny Prometheus metrics registry: counters, gauges and histograms with fixed buckets, rendered
// in the text exposition format 0.0.4 (HELP/TYPE lines, escaped label values). No dependency: the
// whole format is a page of rules, and Slipway needs only these three types.
export type Labels = Record<string, string | number>;

type Kind = 'counter' | 'gauge' | 'histogram';

/** Seconds; covers a fast HTTP answer (ms) up to a long backup or slot switch (minutes). */
export const DEFAULT_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300];

const NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const LABEL = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

export function escapeLabelValue(v: string): string {
  return v.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}

function escapeHelp(v: string): string {
  return v.replace(/\\/g, '\\\\').replace(/\n/g, '\\n');
}

export function formatValue(v: number): string {
  if (Number.isNaN(v)) return 'NaN';
  if (v === Infinity) return '+Inf';
  if (v === -Infinity) return '-Inf';
  return String(v);
}

abstract class Family {
  abstract readonly kind: Kind;
  constructor(readonly name: string, readonly help: string, readonly labelNames: readonly string[]) {
    if (!NAME.test(name)) throw new Error(`bad metric name ${name}`);
    for (const l of labelNames) if (!LABEL.test(l) || l === 'le') throw new Error(`bad label name ${l} on ${name}`);
  }

  /** Stable series key; unknown label names are refused, missing ones are empty strings. */
  protected key(labels: Labels = {}): string {
    for (const k of Object.keys(labels)) if (!this.labelNames.includes(k)) throw new Error(`metric ${this.name} has no label ${k}`);
    return JSON.stringify(this.labelNames.map((n) => String(labels[n] ?? '')));
  }

  protected labelText(key: string, extra?: [string, string]): string {
    const values = JSON.parse(key) as string[];
    const pairs = this.labelNames.map((n, i) => `${n}="${escapeLabelValue(values[i])}"`);
    if (extra) pairs.push(`${extra[0]}="${escapeLabelValue(extra[1])}"`);
    return pairs.length ? `{${pairs.join(',')}}` : '';
  }

  abstract samples(): string[];

  render(): string {
    return [`# HELP ${this.name} ${escapeHelp(this.help)}`, `# TYPE ${this.name} ${this.kind}`, ...this.samples()].join('\n');
  }
}

export class Counter extends Family {
  readonly kind = 'counter';
  private values = new Map<string, number>();
  inc(labels?: Labels, by = 1) {
    if (!(by >= 0)) throw new Error(`counter ${this.name} can only go up`);
    const k = this.key(labels);
    this.values.set(k, (this.values.get(k) ?? 0) + by);
  }
  /** Makes a series visible with 0 before its first event. */
  init(labels?: Labels) {
    const k = this.key(labels);
    if (!this.values.has(k)) this.values.set(k, 0);
  }
  get(labels?: Labels): number {
    return this.values.get(this.key(labels)) ?? 0;
  }
  samples() {
    if (this.values.size === 0 && this.labelNames.length === 0) return [`${this.name} 0`];
    return [...this.values].map(([k, v]) => `${this.name}${this.labelText(k)} ${formatValue(v)}`);
  }
}

export class Gauge extends Family {
  readonly kind = 'gauge';
  private values = new Map<string, number>();
  /** When set, the gauge's series are read at scrape time (e.g. sockets connected now). */
  collect: (() => Array<[Labels, number]>) | null = null;
  set(labels: Labels | undefined, v: number) {
    this.values.set(this.key(labels), v);
  }
  inc(labels?: Labels, by = 1) {
    const k = this.key(labels);
    this.values.set(k, (this.values.get(k) ?? 0) + by);
  }
  dec(labels?: Labels, by = 1) {
    this.inc(labels, -by);
  }
  get(labels?: Labels): number {
    return this.values.get(this.key(labels)) ?? 0;
  }
  samples() {
    if (this.collect) {
      try {
        for (const [labels, v] of this.collect()) this.set(labels, v);
      } catch {
        /* a failing collector keeps the last values */
      }
    }
    if (this.values.size === 0 && this.labelNames.length === 0) return [`${this.name} 0`];
    return [...this.values].map(([k, v]) => `${this.name}${this.labelText(k)} ${formatValue(v)}`);
  }
}

interface HistogramSeries {
  counts: number[]; // per bucket, not cumulative
  sum: number;
  count: number;
}

export class Histogram extends Family {
  readonly kind = 'histogram';
  private series = new Map<string, HistogramSeries>();
  readonly buckets: readonly number[];
  constructor(name: string, help: string, labelNames: readonly string[], buckets: readonly number[] = DEFAULT_BUCKETS) {
    super(name, help, labelNames);
    this.buckets = [...buckets].sort((a, b) => a - b);
  }
  private get_(k: string): HistogramSeries {
    let s = this.series.get(k);
    if (!s) this.series.set(k, (s = { counts: this.buckets.map(() => 0), sum: 0, count: 0 }));
    return s;
  }
  observe(labels: Labels | undefined, value: number) {
    const s = this.get_(this.key(labels));
    const i = this.buckets.findIndex((b) => value <= b);
    if (i >= 0) s.counts[i]++;
    s.sum += value;
    s.count++;
  }
  /** Starts a timer; the returned function observes the elapsed seconds (labels may be completed at the end). */
  startTimer(labels: Labels = {}): (more?: Labels) => number {
    const t0 = process.hrtime.bigint();
    return (more) => {
      const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
      this.observe({ ...labels, ...more }, seconds);
      return seconds;
    };
  }
  init(labels?: Labels) {
    this.get_(this.key(labels));
  }
  count(labels?: Labels): number {
    return this.series.get(this.key(labels))?.count ?? 0;
  }
  samples() {
    const out: string[] = [];
    const series = this.series.size === 0 && this.labelNames.length === 0 ? new Map([[this.key(), { counts: this.buckets.map(() => 0), sum: 0, count: 0 }]]) : this.series;
    for (const [k, s] of series) {
      let cumulative = 0;
      this.buckets.forEach((b, i) => {
        cumulative += s.counts[i];
        out.push(`${this.name}_bucket${this.labelText(k, ['le', formatValue(b)])} ${cumulative}`);
      });
      out.push(`${this.name}_bucket${this.labelText(k, ['le', '+Inf'])} ${s.count}`);
      out.push(`${this.name}_sum${this.labelText(k)} ${formatValue(s.sum)}`);
      out.push(`${this.name}_count${this.labelText(k)} ${s.count}`);
    }
    return out;
  }
}

export class Registry {
  private families = new Map<string, Family>();

  private declare<F extends Family>(name: string, kind: Kind, make: () => F): F {
    const have = this.families.get(name);
    if (have) {
      if (have.kind !== kind) throw new Error(`metric ${name} is a ${have.kind}, not a ${kind}`);
      return have as F;
    }
    const f = make();
    this.families.set(name, f);
    return f;
  }

  /** Declares (or returns the already declared) counter `name`. */
  counter(name: string, help = '', labelNames: readonly string[] = []): Counter {
    return this.declare(name, 'counter', () => new Counter(name, help, labelNames));
  }
  gauge(name: string, help = '', labelNames: readonly string[] = []): Gauge {
    return this.declare(name, 'gauge', () => new Gauge(name, help, labelNames));
  }
  histogram(name: string, help = '', labelNames: readonly string[] = [], buckets?: readonly number[]): Histogram {
    return this.declare(name, 'histogram', () => new Histogram(name, help, labelNames, buckets));
  }

  /** The exposition text (Content-Type `text/plain; version=0.0.4`). */
  render(): string {
    return [...this.families.values()].map((f) => f.render()).join('\n') + '\n';
  }
}

export const CONTENT_TYPE = 'text/plain; version=0.0.4; charset=utf-8';
