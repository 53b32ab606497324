import { describe, expect, it } from 'vitest';
import { Registry, escapeLabelValue } from './registry';
import { declareSlipwayMetrics } from './index';
import { compilePatterns, dockerPathLabel, routeLabel } from './route-patterns';

const SAMPLE = /^[a-zA-Z_:][a-zA-Z0-9_:]*(\{([a-zA-Z_][a-zA-Z0-9_]*="([^"\\]|\\.)*",?)*\})? (-?[0-9.e+-]+|\+Inf|-Inf|NaN)$/;

describe('metrics registry', () => {
  it('renders counters, gauges and cumulative histogram buckets in the 0.0.4 text format', () => {
    const r = new Registry();
    r.counter('jobs_total', 'jobs done', ['result']).inc({ result: 'ok' }, 2);
    r.gauge('open_now', 'open').set({}, 3);
    const h = r.histogram('took_seconds', 'durations', ['kind'], [0.1, 1]);
    h.observe({ kind: 'a' }, 0.05);
    h.observe({ kind: 'a' }, 0.5);
    h.observe({ kind: 'a' }, 7);
    const text = r.render();
    expect(text).toContain('# HELP jobs_total jobs done\n# TYPE jobs_total counter\njobs_total{result="ok"} 2');
    expect(text).toContain('open_now 3');
    expect(text).toContain('took_seconds_bucket{kind="a",le="0.1"} 1');
    expect(text).toContain('took_seconds_bucket{kind="a",le="1"} 2');
    expect(text).toContain('took_seconds_bucket{kind="a",le="+Inf"} 3');
    expect(text).toContain('took_seconds_sum{kind="a"} 7.55');
    expect(text).toContain('took_seconds_count{kind="a"} 3');
    for (const line of text.trim().split('\n')) if (!line.startsWith('#')) expect(line).toMatch(SAMPLE);
  });

  it('escapes label values and refuses unknown labels, bad names and type clashes', () => {
    expect(escapeLabelValue('a"b\\c\nd')).toBe('a\\"b\\\\c\\nd');
    const r = new Registry();
    r.counter('c_total', 'x', ['l']).inc({ l: 'say "hi"\n' });
    expect(r.render()).toContain('c_total{l="say \\"hi\\"\\n"} 1');
    expect(() => r.counter('c_total').inc({ other: 'x' })).toThrow(/no label other/);
    expect(() => r.gauge('c_total')).toThrow(/is a counter/);
    expect(() => r.counter('bad-name')).toThrow(/bad metric name/);
    expect(() => r.counter('c_total').inc({}, -1)).toThrow(/only go up/);
  });

  it('declares every Slipway family with zero values before first use', () => {
    const text = declareSlipwayMetrics(new Registry()).render();
    for (const name of ['slipway_http_request_duration_seconds', 'slipway_socket_connections', 'slipway_docker_api_duration_seconds',
      'slipway_docker_api_errors_total', 'slipway_backup_runs_total', 'slipway_slot_switch_duration_seconds', 'slipway_probe_results_total'])
      expect(text).toContain(`# TYPE ${name} `);
    expect(text).toContain('slipway_active_streams{kind="shell"} 0');
    expect(text).toContain('slipway_backup_runs_total{result="failed"} 0');
    expect(text).toContain('slipway_slot_switch_duration_seconds_count{result="ok"} 0');
    for (const line of text.trim().split('\n')) if (!line.startsWith('#')) expect(line).toMatch(SAMPLE);
  });
});

describe('bounded labels', () => {
  const patterns = compilePatterns(['/', '/containers/[id]', '/api/containers', '/api/containers/[id]', '/api/containers/[id]/logs', '/api/auth/login', '/api/[...rest]']);
  it('maps request paths to the app route pattern they hit', () => {
    expect(routeLabel('/api/containers/3f2a9c/logs?tail=10', patterns)).toBe('/api/containers/[id]/logs');
    expect(routeLabel('/api/containers', patterns)).toBe('/api/containers');
    expect(routeLabel('/api/auth/login', patterns)).toBe('/api/auth/login');
    expect(routeLabel('/api/no/such/thing', patterns)).toBe('/api/[...rest]');
    expect(routeLabel('/containers/abc', patterns)).toBe('/containers/[id]');
    expect(routeLabel('/', patterns)).toBe('/');
    expect(routeLabel('/wp-login.php', patterns)).toBe('unmatched');
    expect(routeLabel('/_next/static/chunks/x.js', patterns)).toBe('/_next/static');
    expect(routeLabel('/%E0%A4%A', patterns)).toBe('unmatched');
  });
  it('maps Docker API paths to patterns without ids or image names', () => {
    expect(dockerPathLabel('/containers/json?all=1')).toBe('/containers/json');
    expect(dockerPathLabel('/v1.41/containers/0123abcd/json?')).toBe('/containers/:id/json');
    expect(dockerPathLabel('/images/slipway/busybox:1/json')).toBe('/images/:id/json');
    expect(dockerPathLabel('/containers/0123abcd')).toBe('/containers/:id');
    expect(dockerPathLabel('/events?filters=x')).toBe('/events');
    expect(dockerPathLabel('/exec/abc/start')).toBe('/exec/:id/start');
  });
});
