// Starts the local servers as child processes that die with this process, and waits until they accept TCP.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { promisify } from 'node:util';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../config';
import { ensureJavaTestServer, ensureTemporalCli, freePort, resolveFerretDbIdIndexTool, resolveMongo, tcpOpen } from './provision';
import { connectDb, models } from '../../db/models';

export interface Launched {
  port: number;
  /** null when an already running server (MONGODB_URI / TEMPORAL_ADDRESS) is used. */
  process: ChildProcess | null;
  /** Where the child's stdout+stderr go. */
  logFile?: string;
  /** Milliseconds from spawn until the port accepted a connection. */
  readyMs: number;
  /** SIGTERM, then SIGKILL after 10 s; resolves once the process has exited. No-op for external servers. */
  stop(): Promise<void>;
}
export interface MongoServer extends Launched {
  uri: string;
  kind: 'ferretdb' | 'mongod' | 'external';
}
export interface TemporalServer extends Launched {
  address: string;
  uiUrl?: string;
}

const START_TIMEOUT_MS = 60_000;

// ---------------------------------------------------------------- children die with us

const children = new Set<ChildProcess>();
let hooksInstalled = false;

function killAll(): void {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
}

function installExitHooks(): void {
  if (hooksInstalled) return;
  hooksInstalled = true;
  process.on('exit', killAll);
  for (const sig of ['SIGINT', 'SIGTERM'] as const) {
    const onSignal = () => {
      killAll();
      // Having a listener suppresses Node's default exit; restore it unless someone else handles the signal.
      if (process.listenerCount(sig) === 1) {
        process.removeListener(sig, onSignal);
        process.kill(process.pid, sig);
      }
    };
    process.on(sig, onSignal);
  }
}

function logTail(file: string, lines = 20): string {
  try {
    const fd = fs.openSync(file, 'r');
    const size = fs.fstatSync(fd).size;
    const len = Math.min(size, 8192);
    const buf = Buffer.alloc(len);
    fs.readSync(fd, buf, 0, len, size - len);
    fs.closeSync(fd);
    return buf.toString('utf8').trim().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

interface SpawnSpec {
  name: string;
  command: string;
  args: string[];
  port: number;
  logFile: string;
  timeoutMs?: number;
  cwd?: string;
}

async function spawnAndWait(spec: SpawnSpec): Promise<Launched> {
  // Otherwise whatever already listens there would pass the readiness probe.
  if (await tcpOpen(spec.port)) throw new Error(`${spec.name}: port ${spec.port} on 127.0.0.1 is already in use.`);
  installExitHooks();
  fs.mkdirSync(path.dirname(spec.logFile), { recursive: true });
  const fd = fs.openSync(spec.logFile, 'a');
  fs.writeSync(fd, `\n--- ${new Date().toISOString()} ${spec.command} ${spec.args.join(' ')}\n`);
  const t0 = Date.now();
  // The child writes straight into the log file: no pipe for us to drain, nothing lost if we are busy.
  const child = spawn(spec.command, spec.args, { cwd: spec.cwd ?? os.tmpdir(), stdio: ['ignore', fd, fd], detached: false });
  fs.closeSync(fd);
  children.add(child);
  const exited = new Promise<void>((resolve) => {
    child.once('exit', () => {
      children.delete(child);
      resolve();
    });
  });
  let spawnError: Error | undefined;
  child.once('error', (e) => {
    spawnError = e;
    children.delete(child);
  });

  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null || spawnError) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
  };
  const fail = async (why: string) => {
    await stop();
    return new Error(`${spec.name} did not start on 127.0.0.1:${spec.port}: ${why}\n  command: ${spec.command} ${spec.args.join(' ')}\n  log ${spec.logFile}, last lines:\n${logTail(spec.logFile).replace(/^/gm, '    ')}`);
  };

  const timeoutMs = spec.timeoutMs ?? START_TIMEOUT_MS;
  for (;;) {
    if (spawnError) throw await fail(spawnError.message);
    if (child.exitCode !== null || child.signalCode !== null) throw await fail(`exited with ${child.signalCode ?? `code ${child.exitCode}`}`);
    if (await tcpOpen(spec.port)) break;
    if (Date.now() - t0 > timeoutMs) throw await fail(`not accepting connections after ${timeoutMs / 1000} s`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return { port: spec.port, process: child, logFile: spec.logFile, readyMs: Date.now() - t0, stop };
}

function external(port: number): Launched {
  return { port, process: null, readyMs: 0, stop: async () => {} };
}

// ---------------------------------------------------------------- servers

/**
 * MongoDB-wire server on `dataDir` (created if missing): MONGODB_URI if set (nothing started; pass
 * useEnv:false to ignore it), else a `mongod` on PATH, else FerretDB (SQLite files in dataDir).
 */
export async function startMongo(opts: { dataDir: string; port?: number; dbName?: string; useEnv?: boolean; timeoutMs?: number }): Promise<MongoServer> {
  const plan = await resolveMongo({ useEnvUri: opts.useEnv });
  if (plan.kind === 'external') {
    const port = Number(plan.uri.match(/^mongodb:\/\/(?:[^@/]*@)?[^/,:]+:(\d+)(?:[/?]|$)/)?.[1] ?? 27017);
    return { ...external(port), uri: plan.uri, kind: 'external' };
  }
  const dataDir = path.resolve(opts.dataDir);
  fs.mkdirSync(dataDir, { recursive: true });
  const port = opts.port ?? (await freePort());
  const db = opts.dbName ?? 'aftersales';
  const args =
    plan.kind === 'mongod'
      ? ['--dbpath', dataDir, '--port', String(port), '--bind_ip', '127.0.0.1', '--quiet']
      : [
          '--handler=sqlite',
          `--sqlite-url=file:${dataDir}/`, // a directory URI: the trailing slash is required
          `--state-dir=${dataDir}`, // otherwise state.json lands in the cwd
          `--listen-addr=127.0.0.1:${port}`,
          '--debug-addr=-', // no metrics/pprof HTTP listener (default 127.0.0.1:8088 collides between instances)
          '--telemetry=disable',
          '--log-level=warn',
        ];
  const launched = await spawnAndWait({
    name: plan.kind === 'mongod' ? 'mongod' : 'FerretDB',
    command: plan.path,
    args,
    port,
    logFile: path.join(dataDir, `${plan.kind}.log`),
    timeoutMs: opts.timeoutMs,
  });
  const uri = `mongodb://127.0.0.1:${port}/${db}`;
  if (plan.kind === 'ferretdb') {
    // An index that could not be added costs speed, not correctness: say so and go on.
    await indexFerretDbIds(dataDir, uri).catch((e: unknown) =>
      console.warn(`[servers] FerretDB runs without its \`_id\` lookup index (slower, still correct): ${e instanceof Error ? e.message : String(e)}`),
    );
  }
  return { ...launched, uri, kind: plan.kind };
}

/**
 * Creates the project's collections in `uri`'s database and gives every FerretDB table an index SQLite uses for
 * `_id` lookups (see scripts/servers/ferretdb-id-index). Without it each write by `_id` scans the whole table
 * under SQLite's write lock. Collections created later are indexed at the next start.
 */
async function indexFerretDbIds(dataDir: string, uri: string): Promise<void> {
  const tool = await resolveFerretDbIdIndexTool();
  if (!tool) return;
  const conn = await connectDb(uri);
  try {
    // init() creates each collection and its declared indexes (what the API and worker do at start).
    await Promise.all(Object.values(models(conn)).map((m) => m.init()));
  } finally {
    await conn.close();
  }
  await promisify(execFile)(tool, [dataDir], { timeout: 120_000 });
}

/**
 * Temporal CLI dev server (persistent when dbFile is given): TEMPORAL_ADDRESS if set (nothing started; pass
 * useEnv:false to ignore it). The UI gets a free port unless uiPort is given or headless is set.
 */
export async function startTemporalDevServer(
  opts: { dbFile?: string; port?: number; uiPort?: number; headless?: boolean; namespace?: string; logFile?: string; useEnv?: boolean; timeoutMs?: number } = {},
): Promise<TemporalServer> {
  const existing = loadConfig().TEMPORAL_ADDRESS;
  if (existing && opts.useEnv !== false) return { ...external(Number(existing.split(':').pop()) || 7233), address: existing };
  const cli = await ensureTemporalCli();
  const port = opts.port ?? (await freePort());
  const uiPort = opts.headless ? undefined : opts.uiPort ?? (await freePort());
  const args = ['server', 'start-dev', '--ip', '127.0.0.1', '--port', String(port), '--namespace', opts.namespace ?? 'default', '--log-level', 'warn'];
  if (opts.dbFile) {
    fs.mkdirSync(path.dirname(path.resolve(opts.dbFile)), { recursive: true });
    args.push('--db-filename', path.resolve(opts.dbFile));
  }
  args.push(...(uiPort === undefined ? ['--headless'] : ['--ui-port', String(uiPort)]));
  // New tasks into one partition of each task queue (of the default four): the one worker's few polls then find
  // them, instead of a task waiting in a partition no poll happened to visit. Reads stay on all four, so tasks
  // that an earlier run of a persistent server left in the others are still delivered.
  args.push('--dynamic-config-value', 'matching.numTaskqueueWritePartitions=1');
  const logFile = opts.logFile ?? (opts.dbFile ? path.join(path.dirname(path.resolve(opts.dbFile)), 'temporal-dev.log') : path.join(os.tmpdir(), `temporal-dev-${port}.log`));
  const launched = await spawnAndWait({ name: 'Temporal dev server', command: cli, args, port, logFile, timeoutMs: opts.timeoutMs });
  return { ...launched, address: `127.0.0.1:${port}`, uiUrl: uiPort === undefined ? undefined : `http://127.0.0.1:${uiPort}` };
}

/** Temporal time-skipping test server (Java, or TEMPORAL_TEST_SERVER_PATH). Log in logFile or os.tmpdir(). */
export async function startTimeSkippingServer(opts: { port?: number; logFile?: string; timeoutMs?: number } = {}): Promise<TemporalServer> {
  const server = await ensureJavaTestServer();
  const port = opts.port ?? (await freePort());
  const serverArgs = [String(port), '--enable-time-skipping'];
  const [command, args] = 'executable' in server ? [server.executable, serverArgs] : [server.java, [...server.jvmArgs, '-cp', server.classpath, 'io.temporal.testserver.TestServer', ...serverArgs]];
  const logFile = opts.logFile ?? path.join(os.tmpdir(), `temporal-test-server-${port}.log`);
  const launched = await spawnAndWait({ name: 'Temporal time-skipping test server', command, args, port, logFile, timeoutMs: opts.timeoutMs });
  return { ...launched, address: `127.0.0.1:${port}` };
}
