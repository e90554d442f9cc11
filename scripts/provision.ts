// Makes sure every server the app (or, with --for-tests, the test suite) needs is available locally, building
// what is missing into AFTERSALES_CACHE_DIR. Idempotent; a warm run takes well under a second.
//   tsx scripts/provision.ts [--for-tests] [--no-online]
// --no-online: build the Temporal servers locally even when @temporalio/testing could download them.
import { spawnSync } from 'node:child_process';
import { loadConfig } from '../config';
import { buildConsole } from './build-console';
import { ensureChromium } from './chromium';
import { cacheDir, resolveFerretDbIdIndexTool, resolveJavaTestServer, resolveMongo, resolveTemporalCli, type JavaTestServer } from './servers/provision';

interface Row {
  server: string;
  status: string;
  version: string;
  where: string;
  ms: number;
}

function versionOf(binary: string, args: string[]): string {
  const r = spawnSync(binary, args, { encoding: 'utf8', timeout: 15_000 });
  const out = `${r.stdout ?? ''}${r.stderr ?? ''}`;
  return (out.match(/v?\d+\.\d+\.\d+[^\s,)]*/) ?? ['?'])[0];
}

async function timed(server: string, fn: () => Promise<Omit<Row, 'server' | 'ms'>>): Promise<Row> {
  const t0 = Date.now();
  const r = await fn();
  return { server, ...r, ms: Date.now() - t0 };
}

async function main(): Promise<void> {
  const forTests = process.argv.includes('--for-tests');
  const allowOnline = !process.argv.includes('--no-online');
  const cfg = loadConfig();
  const t0 = Date.now();
  console.log(`[provision] cache: ${cacheDir()} (AFTERSALES_CACHE_DIR)`);

  const mongo = () =>
    timed('MongoDB', async () => {
      const m = await resolveMongo();
      if (m.kind === 'external') return { status: 'use MONGODB_URI', version: '-', where: m.uri.replace(/\/\/[^@/]*@/, '//***@') };
      if (m.kind === 'mongod') return { status: `mongod (${m.source})`, version: versionOf(m.path, ['--version']), where: m.path };
      return { status: `FerretDB (${m.source})`, version: versionOf(m.path, ['--version']), where: m.path };
    });
  const idIndex = () =>
    timed('FerretDB `_id` index tool', async () => {
      const m = await resolveMongo();
      if (m.kind !== 'ferretdb') return { status: 'not needed', version: '-', where: '-' };
      const tool = await resolveFerretDbIdIndexTool();
      return tool ? { status: 'ready', version: '-', where: tool } : { status: 'no Go: skipped', version: '-', where: '-' };
    });
  const temporalCli = () =>
    timed('Temporal CLI (dev server)', async () => {
      if (cfg.TEMPORAL_ADDRESS) return { status: 'use TEMPORAL_ADDRESS', version: '-', where: cfg.TEMPORAL_ADDRESS };
      // The app's start script needs a binary; tests may let @temporalio/testing download one.
      const r = forTests ? await resolveTemporalCli({ allowOnline }) : await resolveTemporalCli();
      if (r.source === 'online') return { status: 'online', version: '-', where: '@temporalio/testing downloads it (TestWorkflowEnvironment.createLocal)' };
      return { status: r.source, version: versionOf(r.value, ['--version']), where: r.value };
    });
  const testServer = () =>
    timed('Temporal test server (time-skipping)', async () => {
      const r = await resolveJavaTestServer({ allowOnline });
      if (r.source === 'online') return { status: 'online', version: '-', where: '@temporalio/testing downloads it (TestWorkflowEnvironment.createTimeSkipping)' };
      const s: JavaTestServer = r.value;
      const where = 'executable' in s ? s.executable : `${s.java} ${s.jvmArgs.join(' ')} (wrapper ${s.wrapper})`;
      return { status: r.source, version: r.version, where };
    });

  // The Go builds share the CPU, so they run one after the other; the Maven download overlaps them.
  // Every server is attempted even if another fails, so one run reports everything that is missing.
  const settle = (p: Promise<Row>) => p.then((row): Row | Error => row, (e: unknown): Row | Error => (e instanceof Error ? e : new Error(String(e))));
  const goChain = (async () => [await settle(mongo()), await settle(idIndex()), await settle(temporalCli())])();
  const javaChain = forTests ? settle(testServer()) : undefined;
  const results = [...(await goChain), ...(javaChain ? [await javaChain] : [])];
  const failures = results.filter((r): r is Error => r instanceof Error);
  if (failures.length) throw new Error(failures.map((e) => e.message).join('\n\n'));
  const rows = results as Row[];
  // The console is served by the API; the browser test drives it in Debian's Chromium.
  rows.push(await timed('Console (console/dist)', async () => ({ status: buildConsole() ? 'built' : 'up to date', version: '-', where: 'console/dist' })));
  if (forTests) {
    rows.push(
      await timed('Chromium (browser test)', async () => {
        const where = ensureChromium();
        if (!where) throw new Error('Chromium is missing and could not be installed: install Debian\'s chromium package');
        return { status: 'found', version: versionOf(where, ['--version']), where };
      }),
    );
  }

  console.log(`[provision] ready in ${((Date.now() - t0) / 1000).toFixed(1)} s:`);
  for (const r of rows) console.log(`  ${r.server.padEnd(38)} ${r.status.padEnd(18)} ${r.version.padEnd(10)} ${(r.ms / 1000).toFixed(1).padStart(6)} s  ${r.where}`);
}

main().catch((e: unknown) => {
  console.error(`[provision] FAILED: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});
