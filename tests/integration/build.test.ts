// The Docker image runs what `npm run build` emits with plain node (no tsx): the compiler the project pins
// (TypeScript 7, the native tsc) must emit JavaScript that node loads, down to every module the api and the
// worker import. Compiled into node_modules/.cache so the output resolves the project's packages as dist/ does.
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';

const root = path.resolve(__dirname, '../..');
const out = path.join(root, 'node_modules', '.cache', 'aftersales-build-test');
afterAll(() => fs.rmSync(out, { recursive: true, force: true }));

/** The environment without the settings that would let a process go on to connect. */
function bareEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: 'production' };
  for (const k of ['TEMPORAL_ADDRESS', 'MONGODB_URI', 'NODE_OPTIONS']) delete env[k];
  return env;
}

describe('npm run build', () => {
  it('emits JavaScript that plain node runs: the api and the worker load every module, then ask for their settings', () => {
    const tscVersion = JSON.parse(fs.readFileSync(path.join(root, 'node_modules/typescript/package.json'), 'utf8')).version as string;
    expect(Number(tscVersion.split('.')[0]), 'package.json pins TypeScript 7 (README, "Maintenance")').toBe(7);
    const tsc = spawnSync(process.execPath, [path.join(root, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json', '--outDir', out], {
      cwd: root,
      encoding: 'utf8',
    });
    expect(tsc.stdout + tsc.stderr).toBe('');
    expect(tsc.status).toBe(0);
    // CommonJS, as the image's `node dist/...` expects from a package without "type": "module".
    expect(fs.readFileSync(path.join(out, 'api/main.js'), 'utf8')).toMatch(/require\("@temporalio\/client"\)/);
    for (const entry of ['api/main.js', 'worker/main.js']) {
      const run = spawnSync(process.execPath, [path.join(out, entry)], { cwd: root, encoding: 'utf8', env: bareEnv(), timeout: 60_000 });
      // Reaching main() and refusing to start without a database and Temporal proves every import resolved.
      expect(run.stderr + run.stdout, entry).toContain('TEMPORAL_ADDRESS and MONGODB_URI must be set');
      expect(run.status, entry).not.toBe(0);
      expect(run.stderr, entry).not.toMatch(/Cannot find module|ERR_REQUIRE_ESM|SyntaxError/);
    }
  }, 180_000);
});
