// Where a probe may run (issue 15.3, 20.2): the container's own published or labelled address directly,
// names by an exec inside the stack, anything else refused; and wget's header trace read back.
import { describe, expect, it } from 'vitest';
import { probeWay } from './probe-way';
import { answerFromWget } from './exec-get';

const bridge = { ports: [{ privatePort: 8080, publicPort: 8081, type: 'tcp' }], labels: {}, networkMode: 'togather-network' };
const host = { ports: [], labels: { 'slipway.slot.upstream': '127.0.0.1:18082' }, networkMode: 'host' };

describe('probe way', () => {
  it('runs published and labelled ports directly', () => {
    expect(probeWay('http://127.0.0.1:8081/health', bridge, [3000])).toEqual({ via: 'direct' });
    expect(probeWay('http://localhost:8081/health', bridge, [3000])).toEqual({ via: 'direct' });
    expect(probeWay('http://127.0.0.1:18082/health', host, [3000])).toEqual({ via: 'direct' });
    // host networking: the container's network is the host's loopback
    expect(probeWay('http://127.0.0.1:9999/health', host, [3000])).toEqual({ via: 'direct' });
  });

  it('runs names inside the stack', () => {
    expect(probeWay('http://togather-server-green:8080/health', bridge, [3000])).toEqual({ via: 'exec' });
  });

  it("refuses other hosts, another container's port and Slipway's own", () => {
    expect(probeWay('http://10.0.0.9:8080/health', bridge, [3000]).via).toBe('refused');
    expect(probeWay('http://127.0.0.1:5432/', bridge, [3000]).via).toBe('refused');
    expect(probeWay('http://169.254.169.254/latest/meta-data/', host, [3000]).via).toBe('refused');
    const own = probeWay('http://127.0.0.1:3000/metrics', host, [3000]);
    expect(own).toMatchObject({ via: 'refused' });
    expect(probeWay('nonsense', host, [3000]).via).toBe('refused');
  });
});

describe("wget's header trace", () => {
  const origin = new URL('http://app:8080/health');
  it('takes the last hop with the body, and refuses an off-host redirect in the trace', () => {
    const a = answerFromWget('Connecting to app:8080 (127.0.0.1:8080)\n  HTTP/1.1 302 Found\n  Location: /ok\n  \n  HTTP/1.1 200 OK\n  X-Togather-Slot: green\n  \nwriting to stdout\n', Buffer.from('{"status":"ok"}'), origin);
    expect(a).toMatchObject({ status: 200, headers: { 'x-togather-slot': 'green' } });
    expect(typeof a === 'string' ? a : a.body.toString()).toBe('{"status":"ok"}');
    expect(answerFromWget('  HTTP/1.1 301 Moved\n  Location: http://evil.example/\n  \n  HTTP/1.1 200 OK\n', Buffer.alloc(0), origin)).toBe('redirect to another host refused');
    expect(answerFromWget('  HTTP/1.0 404 File not found\nwget: server returned error: HTTP/1.0 404 File not found\n', Buffer.alloc(0), origin)).toMatchObject({ status: 404 });
    expect(answerFromWget("wget: can't connect to remote host (127.0.0.1): Connection refused\n", Buffer.alloc(0), origin)).toBe('wget gave no HTTP answer');
  });
});
