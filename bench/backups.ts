// `npm run bench -- backups`: a PostgreSQL database of at least 1 GB and a 1 GB volume, each backed up
// through Slipway beside the direct command in the same run (`docker exec … pg_dump -Fc > file`, and
// `tar czf` of the volume's directory, one gzip thread on both sides), in A-B-B-A order so neither side
// always reads what the other just cached, with the server's peak resident memory during each backup.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
const load = () => os.loadavg()[0].toFixed(1);
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { BackupRecord } from '@/server/contract';
import { adminClient, waitFor, type Client } from '../e2e/support/http';
import { startServer } from '../e2e/support/slipway-server';
import { busybox, psql, removeAll, sh, startPostgres, uid } from '../e2e/api/backups-fixtures';
import { abba, type BenchRow, fmt, report, rssMb, runBench } from './_lib';

const DB_GB = Number(process.env.BENCH_BACKUP_GB ?? 1);
const id = uid();
const pg = `swb-bk-pg-${id}`;
const vol = `swb-bk-vol-${id}`;
const MB = 1024 * 1024;

/** Runs a command with stdout into a file; resolves with seconds taken. */
function timed(cmd: string, args: string[], outFile?: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const out = outFile ? fs.openSync(outFile, 'w') : 'ignore';
    const p = spawn(cmd, args, { stdio: ['ignore', out, 'inherit'] });
    p.on('error', reject);
    p.on('exit', (code) => {
      if (typeof out === 'number') fs.closeSync(out);
      if (code !== 0) reject(new Error(`${cmd} ${args.join(' ')} exited ${code}`));
      else resolve((performance.now() - t0) / 1000);
    });
  });
}

/** One backup through the API, sampling the server's RSS every 50 ms until it is verified. */
async function throughSlipway(admin: Client, pid: number, target: string) {
  const baseline = rssMb(pid);
  let peak = baseline;
  let peakDump = baseline;
  let dumping = true;
  const sampler = setInterval(() => {
    const r = rssMb(pid);
    peak = Math.max(peak, r);
    if (dumping) peakDump = Math.max(peakDump, r);
  }, 50);
  try {
    const r = await admin.post('/api/backups', { target });
    if (r.status !== 202) throw new Error(`POST /api/backups ${r.status} ${JSON.stringify(r.json)}`);
    const b = await waitFor(async () => {
      const x = (await admin.get(`/api/backups/${r.json.id}`)).json as BackupRecord;
      if (x.status !== 'running') dumping = false;
      return x.status === 'verified' || x.status === 'failed' || x.status === 'interrupted' ? x : undefined;
    }, `backup of ${target}`, 900_000, 1000);
    if (b.status !== 'verified') throw new Error(`backup of ${target} ended ${b.status}: ${b.error}`);
    const dumpS = (Date.parse(b.dumpedAt!) - Date.parse(b.startedAt)) / 1000;
    const verifyS = (Date.parse(b.finishedAt!) - Date.parse(b.dumpedAt!)) / 1000;
    return { b, dumpS, verifyS, baseline, peakDump, peak };
  } finally {
    clearInterval(sampler);
  }
}

async function main() {
  const server = await startServer({ port: Number(process.env.BENCH_PORT ?? 3153) });
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'slipway-bench-backups-'));
  const rows: BenchRow[] = [];
  try {
    const admin = await adminClient(server.url);
    const pid = server.child.pid!;

    // ---- data: ≥ 1 GB in PostgreSQL, 1 GB of random bytes in a volume ----
    let t0 = performance.now();
    await startPostgres(pg, {}, 'bench');
    // md5 text (compresses about 2:1 like real text columns); a 1/32 base doubled five times is much
    // cheaper than computing every row, and deflate's 32 KB window never sees the far-away copies.
    const rowsWanted = Math.round((DB_GB * 1024 * MB) / 220);
    psql(pg, 'bench', `CREATE UNLOGGED TABLE big (id bigint, a text, b text); INSERT INTO big SELECT g, md5(g::text) || md5((g * 3)::text) || md5((g * 7)::text), md5(random()::text) || md5(random()::text) FROM generate_series(1, ${Math.ceil(rowsWanted / 32)}) g`);
    for (let i = 0; i < 5; i++) psql(pg, 'bench', 'INSERT INTO big SELECT id + (SELECT max(id) FROM big), a, b FROM big');
    let dbBytes = Number(psql(pg, 'bench', "SELECT pg_database_size('bench')"));
    while (dbBytes < DB_GB * 1024 * MB) {
      psql(pg, 'bench', `INSERT INTO big SELECT * FROM big LIMIT ${Math.ceil(rowsWanted * 0.05)}`);
      dbBytes = Number(psql(pg, 'bench', "SELECT pg_database_size('bench')"));
    }
    console.log(`postgres: ${fmt(dbBytes / MB, 0)} MB database in ${fmt((performance.now() - t0) / 1000)} s`);
    t0 = performance.now();
    busybox([`${vol}:/data`], `dd if=/dev/urandom of=/data/random.bin bs=1M count=${DB_GB * 1024} 2>/dev/null`);
    const volDir = sh('docker', ['volume', 'inspect', '-f', '{{.Mountpoint}}', vol]).trim();
    console.log(`volume: ${DB_GB * 1024} MB in ${fmt((performance.now() - t0) / 1000)} s`);
    await waitFor(async () => (await admin.get(`/api/containers/${pg}`)).status === 200, 'pg container seen');
    // Warm-up: one small backup of each kind loads the route modules and code paths once, so the RSS
    // figures below measure what a backup's size costs, not the server's first-use growth.
    busybox([`${vol}-warm:/data`], 'echo warm > /data/w.txt');
    await throughSlipway(admin, pid, `volume:${vol}-warm`);

    type Run = Awaited<ReturnType<typeof throughSlipway>>;
    /** the run with the larger memory growth is the one reported, its time the mean of both */
    const keepWorst = (a: Run | undefined, r: Run) => (!a || r.peak - r.baseline > a.peak - a.baseline ? r : a);

    // ---- PostgreSQL: direct pg_dump -Fc > file beside Slipway, A-B-B-A (neither always on a warm cache) ----
    let sp: Run | undefined;
    const pgTimes = await abba(
      async () => {
        const t = await timed('docker', ['exec', pg, 'pg_dump', '-Fc', '-U', 'app', '-d', 'bench'], path.join(tmp, 'direct.dump'));
        console.log(`direct pg_dump: ${fmt(fs.statSync(path.join(tmp, 'direct.dump')).size / MB)} MB in ${fmt(t)} s (load ${load()})`);
        fs.rmSync(path.join(tmp, 'direct.dump'));
        return t;
      },
      async () => {
        const r = await throughSlipway(admin, pid, pg);
        console.log(`slipway pg: ${fmt(r.b.sizeBytes! / MB)} MB dumped in ${fmt(r.dumpS)} s, verified in ${fmt(r.verifyS)} s (${r.b.verify}) (load ${load()})`);
        sp = keepWorst(sp, r);
        return r.dumpS;
      },
    );

    // ---- volume: tar czf (one gzip process) beside Slipway compressing on one thread too, A-B-B-A;
    // then Slipway's default (two threads) once, as information ----
    const directTarRun = async () => {
      const t = await timed('tar', ['czf', path.join(tmp, 'direct.tar.gz'), '-C', volDir, '.']);
      console.log(`direct tar czf: ${fmt(fs.statSync(path.join(tmp, 'direct.tar.gz')).size / MB)} MB in ${fmt(t)} s (load ${load()})`);
      fs.rmSync(path.join(tmp, 'direct.tar.gz'));
      return t;
    };
    const single = await startServer({ port: Number(process.env.BENCH_PORT ?? 3153) + 1, env: { SLIPWAY_BACKUP_GZIP_THREADS: '1' } });
    let sv1: Run | undefined;
    let volTimes: { reference: number; slipway: number };
    try {
      const singleAdmin = await adminClient(single.url);
      // this server is fresh: warm it up like the first one, so its RSS rows measure a backup, not first use
      await throughSlipway(singleAdmin, single.child.pid!, `volume:${vol}-warm`);
      volTimes = await abba(directTarRun, async () => {
        const r = await throughSlipway(singleAdmin, single.child.pid!, `volume:${vol}`);
        console.log(`slipway volume, 1 thread: ${fmt(r.b.sizeBytes! / MB)} MB in ${fmt(r.dumpS)} s, read through in ${fmt(r.verifyS)} s (load ${load()})`);
        sv1 = keepWorst(sv1, r);
        return r.dumpS;
      });
    } finally {
      await single.stop();
      fs.rmSync(single.dataDir, { recursive: true, force: true });
    }
    const sv = await throughSlipway(admin, pid, `volume:${vol}`);
    console.log(`slipway volume, 2 threads: ${fmt(sv.b.sizeBytes! / MB)} MB in ${fmt(sv.dumpS)} s (load ${load()})`);
    if (!sp || !sv1) throw new Error('no runs');
    const directPg = pgTimes.reference, directTar = volTimes.reference;

    const dbMb = dbBytes / MB;
    const pgRatio = directPg / pgTimes.slipway;
    const volRatio = directTar / volTimes.slipway;
    rows.push(
      { bench: 'backups', figure: `PostgreSQL ${fmt(dbMb, 0)} MB db → ${fmt(sp.b.sizeBytes! / MB, 0)} MB dump (mean of 2, A-B-B-A)`, value: `${fmt(dbMb / pgTimes.slipway)} MB/s (${fmt(pgTimes.slipway)} s)`, reference: `docker exec pg_dump -Fc > file ${fmt(dbMb / directPg)} MB/s (${fmt(directPg)} s)`, ratio: fmt(pgRatio, 2), target: '≥ 0.9', pass: pgRatio >= 0.9 },
      { bench: 'backups', figure: 'PostgreSQL verification (restore into scratch db, count rows)', value: `${fmt(sp.verifyS)} s` },
      { bench: 'backups', figure: 'server RSS growth during PostgreSQL backup', value: `${fmt(sp.peakDump - sp.baseline)} MB (dump), ${fmt(sp.peak - sp.baseline)} MB (with verify)`, reference: `baseline ${fmt(sp.baseline)} MB, peak ${fmt(sp.peak)} MB`, target: '< 64 MB', pass: sp.peak - sp.baseline < 64 },
      { bench: 'backups', figure: `volume ${DB_GB * 1024} MB → ${fmt(sv1.b.sizeBytes! / MB, 0)} MB tar.gz, one gzip thread each (mean of 2, A-B-B-A)`, value: `${fmt((DB_GB * 1024) / volTimes.slipway)} MB/s (${fmt(volTimes.slipway)} s)`, reference: `tar czf ${fmt((DB_GB * 1024) / directTar)} MB/s (${fmt(directTar)} s)`, ratio: fmt(volRatio, 2), target: '≥ 0.8', pass: volRatio >= 0.8 },
      { bench: 'backups', figure: 'volume, Slipway default (2 gzip threads), once', value: `${fmt((DB_GB * 1024) / sv.dumpS)} MB/s (${fmt(sv.dumpS)} s)`, reference: `tar czf (1 thread) ${fmt(directTar)} s`, ratio: fmt(directTar / sv.dumpS, 2) },
      { bench: 'backups', figure: 'volume verification (gunzip + tar read-through)', value: `${fmt(sv1.verifyS)} s` },
      { bench: 'backups', figure: 'server RSS growth during volume backup', value: `${fmt(sv1.peakDump - sv1.baseline)} MB (dump), ${fmt(sv1.peak - sv1.baseline)} MB (with verify)`, reference: `baseline ${fmt(sv1.baseline)} MB, peak ${fmt(sv1.peak)} MB`, target: '< 64 MB', pass: sv1.peak - sv1.baseline < 64 },
    );
    report('backups', rows);
  } finally {
    await server.stop();
    await removeAll([pg], [vol, `${vol}-warm`]);
    fs.rmSync(tmp, { recursive: true, force: true });
    fs.rmSync(server.dataDir, { recursive: true, force: true });
  }
}

runBench(main);
