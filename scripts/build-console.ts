// Builds the console (console/ → console/dist) with Vite when the built output is missing or older than any of
// its sources; `--force` always builds. Called by provision (npm test, npm start) and the browser test.
//   tsx scripts/build-console.ts [--force]
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';

export const CONSOLE_DIR = path.join(__dirname, '..', 'console');
const BUILT = path.join(CONSOLE_DIR, 'dist', 'index.html');

/** Newest modification time under a path (dist/ and node_modules/ excluded). */
function newest(p: string): number {
  const st = fs.statSync(p);
  if (!st.isDirectory()) return st.mtimeMs;
  let max = 0;
  for (const name of fs.readdirSync(p)) {
    if (name === 'dist' || name === 'node_modules') continue;
    max = Math.max(max, newest(path.join(p, name)));
  }
  return max;
}

export function consoleIsFresh(): boolean {
  return fs.existsSync(BUILT) && fs.statSync(BUILT).mtimeMs >= newest(CONSOLE_DIR);
}

/** Builds when needed; returns whether it built. Throws when the build fails. */
export function buildConsole(opts: { force?: boolean; say?: (m: string) => void } = {}): boolean {
  const say = opts.say ?? ((m: string) => console.log(`[console] ${m}`));
  if (!opts.force && consoleIsFresh()) return false;
  say('building the console with Vite (console/ → console/dist)...');
  const t0 = Date.now();
  const vite = path.join(path.dirname(require.resolve('vite/package.json')), 'bin', 'vite.js');
  const r = spawnSync(process.execPath, [vite, 'build', '--logLevel', 'warn', CONSOLE_DIR], { stdio: 'inherit', cwd: CONSOLE_DIR });
  if (r.status !== 0) throw new Error(`the console build failed (exit ${r.status ?? r.signal})`);
  // Vite keeps the sources' times; mark the output as built now so the freshness check holds.
  const now = new Date();
  fs.utimesSync(BUILT, now, now);
  say(`built in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  return true;
}

if (require.main === module) {
  try {
    buildConsole({ force: process.argv.includes('--force') });
  } catch (e) {
    console.error(`[console] ${(e as Error).message}`);
    process.exit(1);
  }
}
