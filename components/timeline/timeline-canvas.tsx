'use client';
// The time axis on one canvas: a lane per service with a marker per event (coloured by severity) and,
// under the markers, that service's error lines per minute as bars. The view (start/end) lives in a ref
// and every change redraws at most once a frame, so zooming (wheel, pinch, buttons) and dragging stay
// smooth with 10,000 events: each lane's events are sorted, only the visible slice is drawn, each marker
// is stamped as pixels into its lane's strip (one upload per lane), and the error bars are one path. A
// click that did not drag picks the nearest marker or bar.
import { forwardRef, useCallback, useEffect, useImperativeHandle, useRef } from 'react';
import type { EventSeverity } from '@/server/contract';
import { ticks, zoom, type Layout } from './lanes';

export type Pick = { type: 'event'; index: number } | { type: 'rate'; lane: number; minute: number; count: number };

export interface TimelineCanvasApi {
  zoomBy(factor: number): void;
  setView(start: number, end: number): void;
}

export interface DrawnMarker {
  id: number;
  x: number;
  y: number;
  kind: string;
  container: string | null;
}

const AXIS_H = 26;
const LANE_H = 40;
const MARK_Y = 13;
const BAR_H = 14;

const DOT_R = 4.5;
const SEVERITY_ORDER: EventSeverity[] = ['info', 'warning', 'critical'];

// ABGR (little-endian RGBA) of each severity's dot (#4f46e5, #d97706, #e11d48, the legend's colours), for writing pixels straight into the marker layer
const PIXEL: Record<EventSeverity, number> = { info: 0xffe5464f, warning: 0xff0677d9, critical: 0xff481de1 };

/**
 * The marker layer of one lane: a pixel strip as wide as the canvas and as tall as a dot, each dot stamped
 * by offsets, then put at the lane's row. Only the lanes' strips are filled and uploaded each frame, not
 * the whole canvas (most of which is never under a marker).
 */
interface Strip {
  w: number;
  h: number;
  /** the strip's middle row: a dot's centre */
  half: number;
  buf: Uint32Array;
  image: ImageData;
  /** offsets of a dot's pixels from its centre, in device pixels */
  disc: Int32Array;
  discY: Int32Array;
}

function stripFor(ref: { current: Strip | null }, w: number, dpr: number): Strip {
  const r = DOT_R * dpr;
  const half = Math.ceil(r);
  const h = 2 * half + 1;
  if (ref.current && ref.current.w === w && ref.current.h === h) return ref.current;
  const buf = new Uint32Array(w * h);
  const dx: number[] = [];
  const dy: number[] = [];
  for (let y = -half; y <= half; y++) for (let x = -half; x <= half; x++) if (x * x + y * y <= r * r) {
        dx.push(x);
        dy.push(y);
      }
  ref.current = { w, h, half, buf, image: new ImageData(new Uint8ClampedArray(buf.buffer), w, h), disc: Int32Array.from(dx), discY: Int32Array.from(dy) };
  return ref.current;
}

function lowerBound(arr: number[], ts: (i: number) => number, t: number): number {
  let lo = 0;
  let hi = arr.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (ts(arr[mid]) < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function fmtTick(t: number, step: number): string {
  const d = new Date(t);
  if (step >= 86_400_000) return d.toLocaleDateString(undefined, { month: 'short', day: 'numeric' });
  if (step < 60_000) return d.toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit' });
  return d.toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' });
}

export const TimelineCanvas = forwardRef<TimelineCanvasApi, {
  data: Layout;
  initial: { start: number; end: number };
  selectedId: number | null;
  onPick: (p: Pick | null) => void;
}>(function TimelineCanvas({ data, initial, selectedId, onPick }, ref) {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const boxRef = useRef<HTMLDivElement>(null);
  const view = useRef({ ...initial });
  const size = useRef({ w: 300, h: 100 });
  const frame = useRef(0);
  const dataRef = useRef(data);
  dataRef.current = data;
  const selRef = useRef(selectedId);
  selRef.current = selectedId;
  // markers on screen, for hit tests: typed arrays reused across frames (no objects per marker per frame)
  const drawn = useRef({ n: 0, x: new Float32Array(0), y: new Float32Array(0), index: new Int32Array(0) });
  const overlayRef = useRef<HTMLCanvasElement>(null);
  const stripRef = useRef<Strip | null>(null);

  const labelW = () => Math.min(150, Math.round(size.current.w * 0.28));

  const draw = useCallback(() => {
    frame.current = 0;
    const canvas = canvasRef.current;
    if (!canvas) return;
    const ctx = canvas.getContext('2d');
    if (!ctx) return;
    const { w, h } = size.current;
    const dpr = window.devicePixelRatio || 1;
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.clearRect(0, 0, w, h);
    const d = dataRef.current;
    const { start, end } = view.current;
    const lw = labelW();
    const plotW = Math.max(1, w - lw);
    const x = (t: number) => lw + ((t - start) / (end - start)) * plotW;

    // axis and grid
    ctx.font = '11px ui-sans-serif, system-ui, sans-serif';
    ctx.textBaseline = 'middle';
    const { step, times } = ticks(start, end, plotW);
    ctx.fillStyle = '#64748b';
    ctx.strokeStyle = '#e2e8f0';
    ctx.lineWidth = 1;
    ctx.beginPath();
    for (const t of times) {
      const px = Math.round(x(t)) + 0.5;
      ctx.moveTo(px, AXIS_H - 4);
      ctx.lineTo(px, h);
    }
    ctx.stroke();
    for (const t of times) ctx.fillText(fmtTick(t, step), x(t) + 3, AXIS_H / 2);
    const now = Date.now();
    if (now >= start && now <= end) {
      ctx.strokeStyle = '#10b981';
      ctx.beginPath();
      ctx.moveTo(Math.round(x(now)) + 0.5, AXIS_H - 4);
      ctx.lineTo(Math.round(x(now)) + 0.5, h);
      ctx.stroke();
    }

    // lanes
    const overlay = overlayRef.current;
    const octx = overlay?.getContext('2d');
    if (!overlay || !octx) return;
    const strip = stripFor(stripRef, overlay.width, dpr);
    const { buf, disc, discY, half } = strip;
    const W = strip.w;
    const hits = drawn.current.x.length >= d.events.length ? drawn.current : { n: 0, x: new Float32Array(d.events.length), y: new Float32Array(d.events.length), index: new Int32Array(d.events.length) };
    hits.n = 0;
    let selected: { x: number; y: number } | null = null;
    const snap = (v: number) => Math.round(v * dpr) / dpr;
    // the error-rate bars of every lane as one path, filled once
    const barW = Math.max(1, (60_000 / (end - start)) * plotW - 1);
    const bars = new Path2D();
    let anyBar = false;
    d.lanes.forEach((lane, li) => {
      const top = AXIS_H + li * LANE_H;
      if (li % 2 === 1) {
        ctx.fillStyle = '#f8fafc';
        ctx.fillRect(0, top, w, LANE_H);
      }
      ctx.fillStyle = '#334155';
      const label = lane.label.length > 22 ? `${lane.label.slice(0, 21)}…` : lane.label;
      ctx.fillText(label, 6, top + MARK_Y, lw - 10);
      // error lines per minute, under the markers (only the minutes in view)
      const rate = d.rateByLane[li];
      if (rate.length) {
        let i = 0;
        for (let hi = rate.length; i < hi; ) {
          const mid = (i + hi) >> 1;
          if (rate[mid][0] < start - 60_000) i = mid + 1;
          else hi = mid;
        }
        for (; i < rate.length && rate[i][0] <= end; i++) {
          const bh = Math.max(1, (rate[i][1] / d.maxRate) * BAR_H);
          bars.rect(x(rate[i][0]), top + LANE_H - 3 - bh, barW, bh);
          anyBar = true;
        }
      }
      // markers in view: info first, critical last (on top), stamped as pixels into the lane's strip
      // (a canvas call per marker costs microseconds each; 10,000 of them a whole frame)
      const idx = d.eventsByLane[li];
      const y = top + MARK_Y;
      const from = lowerBound(idx, (i) => d.events[i].t, start);
      buf.fill(0);
      for (const sev of SEVERITY_ORDER) {
        const colour = PIXEL[sev];
        let lastX = -10;
        for (let k = from; k < idx.length; k++) {
          const e = d.events[idx[k]];
          if (e.t > end) break;
          if (e.severity !== sev) continue;
          const px = snap(x(e.t));
          if (e.id === selRef.current) selected = { x: px, y };
          // markers on the same pixel add nothing visible
          if (px === lastX) continue;
          lastX = px;
          const cx = Math.round(px * dpr);
          const row = half * W + cx;
          for (let j = 0; j < disc.length; j++) {
            const xx = cx + disc[j];
            if (xx >= 0 && xx < W) buf[row + discY[j] * W + disc[j]] = colour;
          }
          hits.x[hits.n] = px;
          hits.y[hits.n] = y;
          hits.index[hits.n] = idx[k];
          hits.n++;
        }
      }
      octx.putImageData(strip.image, 0, Math.round(y * dpr) - half);
    });
    if (anyBar) {
      ctx.fillStyle = 'rgba(225, 29, 72, 0.55)';
      ctx.fill(bars);
    }
    // the picked marker's ring, on the canvas under the markers (its dot stays on top, the ring shows around it)
    if (selected) {
      const s = selected as { x: number; y: number };
      ctx.strokeStyle = '#0f172a';
      ctx.lineWidth = 2;
      ctx.beginPath();
      ctx.arc(s.x, s.y, 7.5, 0, Math.PI * 2);
      ctx.stroke();
    }
    ctx.strokeStyle = '#cbd5e1';
    ctx.lineWidth = 1;
    ctx.beginPath();
    ctx.moveTo(lw + 0.5, AXIS_H - 4);
    ctx.lineTo(lw + 0.5, h);
    ctx.stroke();
    drawn.current = hits;
    // what is on screen, for tests (built only when read; never read by the page itself)
    Object.defineProperty(canvas, 'timelineMarkers', {
      configurable: true,
      get: (): DrawnMarker[] => Array.from({ length: hits.n }, (_, i) => {
        const e = d.events[hits.index[i]];
        return { id: e.id, x: hits.x[i], y: hits.y[i], kind: e.kind, container: e.container };
      }),
    });
    // an attribute written every frame would restyle the page every frame: only when it changed
    if (canvas.dataset.markers !== String(hits.n)) canvas.dataset.markers = String(hits.n);
  }, []);

  const schedule = useCallback(() => {
    if (!frame.current) frame.current = requestAnimationFrame(draw);
  }, [draw]);

  useImperativeHandle(ref, () => ({
    zoomBy: (f: number) => {
      view.current = zoom(view.current, f, 0.5);
      schedule();
    },
    setView: (start: number, end: number) => {
      view.current = { start, end };
      schedule();
    },
  }), [schedule]);

  // size: the box's width, a height from the lane count
  const height = AXIS_H + Math.max(1, data.lanes.length) * LANE_H + 4;
  useEffect(() => {
    const box = boxRef.current;
    const canvas = canvasRef.current;
    if (!box || !canvas) return;
    const resize = () => {
      const w = Math.max(200, box.clientWidth);
      const dpr = window.devicePixelRatio || 1;
      size.current = { w, h: height };
      for (const c of [canvas, overlayRef.current]) {
        if (!c) continue;
        c.width = Math.round(w * dpr);
        c.height = Math.round(height * dpr);
        c.style.width = `${w}px`;
        c.style.height = `${height}px`;
      }
      schedule();
    };
    resize();
    const ro = new ResizeObserver(resize);
    ro.observe(box);
    return () => ro.disconnect();
  }, [height, schedule]);

  useEffect(schedule, [data, selectedId, schedule]);
  useEffect(() => () => cancelAnimationFrame(frame.current), []);

  // wheel zoom (non-passive so the page does not scroll), drag to pan, pinch to zoom, click to pick
  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas) return;
    const at = (clientX: number) => {
      const r = canvas.getBoundingClientRect();
      const lw = labelW();
      return Math.min(1, Math.max(0, (clientX - r.left - lw) / Math.max(1, r.width - lw)));
    };
    const onWheel = (e: WheelEvent) => {
      e.preventDefault();
      if (Math.abs(e.deltaX) > Math.abs(e.deltaY)) {
        const span = view.current.end - view.current.start;
        const dt = (e.deltaX / Math.max(1, size.current.w - labelW())) * span;
        view.current = { start: view.current.start + dt, end: view.current.end + dt };
      } else view.current = zoom(view.current, Math.exp(e.deltaY * 0.0015), at(e.clientX));
      schedule();
    };
    const pointers = new Map<number, { x: number; y: number }>();
    let moved = 0;
    let pinch: { dist: number; view: { start: number; end: number }; at: number } | null = null;
    const onDown = (e: PointerEvent) => {
      canvas.setPointerCapture(e.pointerId);
      pointers.set(e.pointerId, { x: e.clientX, y: e.clientY });
      moved = 0;
      if (pointers.size === 2) {
        const [a, b] = [...pointers.values()];
        pinch = { dist: Math.hypot(a.x - b.x, a.y - b.y) || 1, view: { ...view.current }, at: at((a.x + b.x) / 2) };
      }
    };
    const onMove = (e: PointerEvent) => {
      const prev = pointers.get(e.pointerId);
      if (!prev) return;
      pointers.set(e.pointerId, { x: e.clientX, y: e.clientY });
      if (pinch && pointers.size === 2) {
        const [a, b] = [...pointers.values()];
        view.current = zoom(pinch.view, pinch.dist / (Math.hypot(a.x - b.x, a.y - b.y) || 1), pinch.at);
        moved += 10;
      } else {
        const dx = e.clientX - prev.x;
        moved += Math.abs(dx) + Math.abs(e.clientY - prev.y);
        const span = view.current.end - view.current.start;
        const dt = (dx / Math.max(1, size.current.w - labelW())) * span;
        view.current = { start: view.current.start - dt, end: view.current.end - dt };
      }
      schedule();
    };
    const onUp = (e: PointerEvent) => {
      pointers.delete(e.pointerId);
      if (pointers.size < 2) pinch = null;
      if (moved > 4 || pointers.size > 0) return;
      const r = canvas.getBoundingClientRect();
      const px = e.clientX - r.left;
      const py = e.clientY - r.top;
      const hits = drawn.current;
      let best = -1;
      let bestD = 10;
      // `<=`: of markers on the same spot the one drawn last (on top, the most severe) is the one seen
      for (let i = 0; i < hits.n; i++) {
        const dd = Math.hypot(hits.x[i] - px, hits.y[i] - py);
        if (dd <= bestD) {
          best = hits.index[i];
          bestD = dd;
        }
      }
      const d = dataRef.current;
      if (best >= 0) return onPick({ type: 'event', index: best });
      // a bar of the error rate: the minute under the pointer in that lane
      const lane = Math.floor((py - AXIS_H) / LANE_H);
      if (lane >= 0 && lane < d.lanes.length && py > AXIS_H + lane * LANE_H + LANE_H - 3 - BAR_H - 2) {
        const { start, end } = view.current;
        const t = start + ((px - labelW()) / Math.max(1, size.current.w - labelW())) * (end - start);
        const hit = d.rateByLane[lane].find(([m]) => t >= m && t < m + 60_000);
        if (hit) return onPick({ type: 'rate', lane, minute: hit[0], count: hit[1] });
      }
      onPick(null);
    };
    canvas.addEventListener('wheel', onWheel, { passive: false });
    canvas.addEventListener('pointerdown', onDown);
    canvas.addEventListener('pointermove', onMove);
    canvas.addEventListener('pointerup', onUp);
    canvas.addEventListener('pointercancel', onUp);
    return () => {
      canvas.removeEventListener('wheel', onWheel);
      canvas.removeEventListener('pointerdown', onDown);
      canvas.removeEventListener('pointermove', onMove);
      canvas.removeEventListener('pointerup', onUp);
      canvas.removeEventListener('pointercancel', onUp);
    };
  }, [onPick, schedule]);

  return (
    <div ref={boxRef} className="relative w-full overflow-hidden rounded-lg border border-slate-200 bg-white">
      <canvas ref={canvasRef} data-testid="timeline-canvas" className="block touch-none select-none" role="img" aria-label="Timeline of events by service" />
      {/* the markers, above the axis and lanes; clicks go through to the canvas below */}
      <canvas ref={overlayRef} className="pointer-events-none absolute left-0 top-0" aria-hidden="true" />
    </div>
  );
});
