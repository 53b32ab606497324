// The compose CLI, run the way an operator types it: an argument vector (never a shell string), in the
// stack's folder, against the engine of the stack's environment. `docker compose` (v2) where it exists,
// else `docker-compose` (v1, Debian's only packaging), detected once per process. An ssh:// engine is
// reached through a bridge (ssh-bridge.ts) that lives as long as the one run.
import { execFile, spawn } from 'node:child_process';
import path from 'node:path';
import { tlsMaterial } from '../docker/client';
import { openSshBridge, type SshBridge } from './ssh-bridge';

export interface ComposeCli {
  /** the program and the arguments before the compose sub-command: ['docker', 'compose'] or ['docker-compose'] */
  argv: string[];
  flavor: 'v2' | 'v1';
  version: string;
}

let detected: Promise<ComposeCli | null> | null = null;

/** Which compose CLI this machine has; null when neither answers (the UI says so and offers no operation). */
export function detectCompose(): Promise<ComposeCli | null> {
  detected ??= (async () => {
    const v2 = await versionOf('docker', ['compose', 'version', '--short']);
    if (v2) return { argv: ['docker', 'compose'], flavor: 'v2', version: v2 };
    const v1 = await versionOf('docker-compose', ['version', '--short']);
    if (v1) return { argv: ['docker-compose'], flavor: 'v1', version: v1 };
    return null;
  })();
  return detected;
}

function versionOf(cmd: string, args: string[]): Promise<string | null> {
  return new Promise((resolve) => {
    execFile(cmd, args, { timeout: 10_000 }, (err, stdout) => {
      const v = String(stdout).trim().replace(/^v/, '');
      resolve(err || !/^\d+\.\d+/.test(v) ? null : v);
    });
  });
}

export interface EngineTarget {
  /** the environment's engine URL as configured (unix://, tcp://, ssh://) */
  url: string;
  /** the environment's name, to find its TLS material */
  name: string;
  /** config.tlsDir: where `NAME/{ca,cert,key}.pem` live */
  tlsDir?: string;
}

/** The variables that point the compose CLI at a unix:// or tcp:// engine (TLS included); ssh:// goes through ssh-bridge.ts. */
export function engineEnv(target: EngineTarget): Record<string, string> {
  const out: Record<string, string> = { DOCKER_HOST: target.url };
  if (target.url.startsWith('tcp://') && target.tlsDir && tlsMaterial(target.tlsDir, target.name)) {
    out.DOCKER_TLS_VERIFY = '1';
    out.DOCKER_CERT_PATH = path.join(target.tlsDir, target.name);
  }
  return out;
}

export interface ComposeRun {
  cli: ComposeCli;
  cwd: string;
  /** compose's own arguments, e.g. ['-f', 'compose.yaml', 'up', '-d', '--remove-orphans'] */
  args: string[];
  engine: EngineTarget;
  /** each chunk of stdout and stderr as it arrives (colours kept) */
  onOutput?: (chunk: string) => void;
  /** stdout alone (a `config` document, say), besides onOutput */
  onStdout?: (chunk: string) => void;
  signal?: AbortSignal;
  /** extra variables (COMPOSE_PROJECT_NAME, say) */
  extraEnv?: Record<string, string>;
}

/** Runs one compose command to its end; resolves with its exit code (never rejects for a non-zero exit). */
export async function runCompose(run: ComposeRun): Promise<{ exitCode: number }> {
  let bridge: SshBridge | null = null;
  if (run.engine.url.startsWith('ssh://')) {
    try {
      bridge = await openSshBridge(run.engine);
    } catch (e) {
      run.onOutput?.(`\r\n[slipway] could not open the ssh bridge to ${run.engine.name}: ${(e as Error).message}\r\n`);
      return { exitCode: 255 };
    }
  }
  try {
    const result = await spawnCompose(run, bridge ? { DOCKER_HOST: bridge.dockerHost } : engineEnv(run.engine));
    const failure = bridge?.failure();
    // compose only saw a socket that closed: say what went wrong on the SSH side
    if (failure && result.exitCode !== 0) run.onOutput?.(`\r\n[slipway] ${failure}\r\n`);
    return result;
  } finally {
    await bridge?.close();
  }
}

function spawnCompose(run: ComposeRun, engine: Record<string, string>): Promise<{ exitCode: number }> {
  const [cmd, ...pre] = run.cli.argv;
  return new Promise((resolve) => {
    const child = spawn(cmd, [...pre, ...run.args], {
      cwd: run.cwd,
      env: { ...process.env, ...engine, ...run.extraEnv, COMPOSE_INTERACTIVE_NO_CLI: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
      signal: run.signal,
    });
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      run.onStdout?.(d);
      run.onOutput?.(d);
    });
    child.stderr.setEncoding('utf8').on('data', (d: string) => run.onOutput?.(d));
    child.on('error', (err) => {
      run.onOutput?.(`\r\n${err.message}\r\n`);
      resolve({ exitCode: 127 });
    });
    child.on('close', (code, sig) => resolve({ exitCode: code ?? (sig ? 128 : 1) }));
  });
}
