// One short compose command whose output is wanted whole (config, config --hash).
import type { AppEnv } from '../app';
import { runCompose } from '../compose/cli';
import { composeCliOr503, engineOf } from './compose-args';

export async function composeCapture(ae: AppEnv, cwd: string, args: string[]): Promise<{ exitCode: number; output: string; stdout: string }> {
  const cli = await composeCliOr503();
  let output = '';
  let stdout = '';
  const { exitCode } = await runCompose({ cli, cwd, args, engine: engineOf(ae), onOutput: (d) => (output += d), onStdout: (d) => (stdout += d) });
  return { exitCode, output, stdout };
}
