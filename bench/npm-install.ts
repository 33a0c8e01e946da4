// `npm install --prefix <dir> <packages>` on this Node, for the installs on demand into the cache folder
// (the Lambda runtime client, the peers): never into the project's own dependencies.
import { spawn } from 'node:child_process';
import { dirname } from 'node:path';

export interface NpmInstallRun {
  code: number | null;
  /** stdout and stderr interleaved, for the error message of a failed install. */
  output: string;
}

export async function npmInstallInto(dir: string, packages: string[]): Promise<NpmInstallRun> {
  // This Node's npm first on PATH: packages that build native code build against it.
  const env = { ...process.env, PATH: `${dirname(process.execPath)}:${process.env.PATH ?? ''}` };
  const args = ['install', '--no-audit', '--no-fund', '--no-package-lock', '--no-save', '--prefix', dir, ...packages];
  let output = '';
  const code = await new Promise<number | null>((resolve, reject) => {
    const child = spawn('npm', args, { cwd: dir, env, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('exit', resolve);
  });
  return { code, output };
}
