// A real OpenSSH server on 127.0.0.1 for the ssh:// environment test: its own host key, config and a
// client key made here, root allowed by key only. Slipway reaches the engine through it the way
// `DOCKER_HOST=ssh://` does: `docker system dial-stdio` run over SSH on the far side.
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { freePort } from './ports';

export interface SshServer {
  port: number;
  /** a folder with the client key as id_ed25519, laid out like SLIPWAY_TLS_DIR/NAME */
  keyDir: string;
  stop(): void;
}

export async function startSshServer(): Promise<SshServer> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'slipway-sshd-'));
  const keyDir = path.join(dir, 'client');
  fs.mkdirSync(keyDir);
  execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', path.join(dir, 'host')]);
  execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', path.join(keyDir, 'id_ed25519')]);
  fs.copyFileSync(path.join(keyDir, 'id_ed25519.pub'), path.join(dir, 'authorized_keys'));
  const port = await freePort();
  fs.writeFileSync(
    path.join(dir, 'sshd_config'),
    [
      `Port ${port}`, 'ListenAddress 127.0.0.1', `HostKey ${dir}/host`, `PidFile ${dir}/sshd.pid`,
      `AuthorizedKeysFile ${dir}/authorized_keys`, 'StrictModes no', 'PermitRootLogin prohibit-password',
      'PasswordAuthentication no', 'KbdInteractiveAuthentication no', 'UsePAM no', '',
    ].join('\n'),
  );
  fs.mkdirSync('/run/sshd', { recursive: true }); // sshd's privilege separation directory
  const child = spawn('/usr/sbin/sshd', ['-D', '-e', '-f', path.join(dir, 'sshd_config')], { stdio: 'ignore' });
  const deadline = Date.now() + 10_000;
  for (;;) {
    const up = await new Promise<boolean>((resolve) => {
      const s = net.connect(port, '127.0.0.1', () => s.end(() => resolve(true)));
      s.on('error', () => resolve(false));
    });
    if (up) break;
    if (child.exitCode !== null || Date.now() > deadline) throw new Error('sshd did not start');
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    port,
    keyDir,
    stop: () => {
      child.kill();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
