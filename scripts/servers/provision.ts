// Obtains the servers the project runs against (FerretDB/mongod, Temporal CLI dev server, Java time-skipping
// test server) without Docker or internet: env override -> PATH/cache -> (online download) -> build from the
// Go module proxy / Maven Central into AFTERSALES_CACHE_DIR. Builds are locked so parallel processes build once.
import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import https from 'node:https';
import net from 'node:net';
import path from 'node:path';
import { loadConfig } from '../../config';

export const VERSIONS = {
  ferretdb: 'v1.24.2',
  // v1.5.1 is the newest release `go install` can build: v1.9.1 (the next one on the proxy) has
  // `replace github.com/temporalio/cli/cliext => ./cliext`, which `go install pkg@version` rejects.
  temporalCli: 'v1.5.1',
  javaTestServer: '1.31.0',
} as const;

export type JavaTestServer =
  | { java: string; classpath: string; jvmArgs: string[]; /** sh wrapper taking `<port> --enable-time-skipping` */ wrapper?: string }
  | { executable: string };
export type Source = 'env' | 'path' | 'cache' | 'built';
export interface Resolved<T> { value: T; source: Source; version: string }
/** Nothing local: the caller may let @temporalio/testing download its own server. */
export interface OnlineDownload { source: 'online' }
export type MongoPlan =
  | { kind: 'external'; uri: string }
  | { kind: 'mongod'; path: string; source: Source }
  | { kind: 'ferretdb'; path: string; source: Source; version: string };

const TEST_SERVER_MAIN = 'io.temporal.testserver.TestServer';
// Measured on this machine: SerialGC + C1-only shave ~0.3 s off JVM startup (see createCdsArchive for the rest).
const TEST_SERVER_JVM = ['-XX:+UseSerialGC', '-XX:TieredStopAtLevel=1'];

export function log(msg: string): void {
  console.log(`[provision] ${msg}`);
}

export function cacheDir(): string {
  return path.resolve(loadConfig().AFTERSALES_CACHE_DIR);
}

// ---------------------------------------------------------------- small helpers

function isExecutable(p: string): boolean {
  try {
    return fs.statSync(p).isFile() && (fs.accessSync(p, fs.constants.X_OK), true);
  } catch {
    return false;
  }
}

/** First executable called `name` on PATH. */
export function which(name: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    if (!dir) continue;
    const p = path.join(dir, name);
    if (isExecutable(p)) return p;
  }
  return undefined;
}

function envBinary(variable: string, what: string): string | undefined {
  const p = process.env[variable];
  if (!p) return undefined;
  if (!isExecutable(p)) throw new Error(`${variable}=${p} is not an executable file (expected ${what}).`);
  return path.resolve(p);
}

function requireTool(name: string, purpose: string, alternatives: string): string {
  const p = which(name);
  if (!p) throw new Error(`\`${name}\` not found on PATH: it is needed to ${purpose}. ${alternatives}`);
  return p;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function elapsed(t0: number): string {
  const s = Math.round((Date.now() - t0) / 1000);
  return s >= 60 ? `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s` : `${s}s`;
}

/** Writes via a temp file + rename so readers never see half a file. */
function writeAtomic(file: string, content: string, mode?: number): void {
  const tmp = `${file}.tmp-${process.pid}`;
  fs.writeFileSync(tmp, content, { mode });
  fs.renameSync(tmp, file);
}

function chmodUserWritable(p: string): void {
  const st = fs.lstatSync(p);
  if (st.isSymbolicLink()) return;
  fs.chmodSync(p, st.mode | 0o200);
  if (st.isDirectory()) for (const e of fs.readdirSync(p)) chmodUserWritable(path.join(p, e));
}

function rmForce(p: string): void {
  if (!fs.existsSync(p)) return;
  try {
    fs.rmSync(p, { recursive: true, force: true });
  } catch {
    chmodUserWritable(p); // Go module cache copies are read-only
    fs.rmSync(p, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------- lock

const heldLocks = new Set<string>();
let lockExitHook = false;

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Exclusive per-name lock file (O_EXCL create, holder pid inside); stale locks of dead processes are taken over. */
async function withLock<T>(name: string, fn: () => Promise<T>): Promise<T> {
  const dir = path.join(cacheDir(), 'locks');
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${name}.lock`);
  const t0 = Date.now();
  let lastNote = 0;
  for (;;) {
    try {
      const fd = fs.openSync(file, 'wx');
      fs.writeSync(fd, String(process.pid));
      fs.closeSync(fd);
      break;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      let owner = NaN;
      let age = 0;
      try {
        owner = Number(fs.readFileSync(file, 'utf8').trim());
        age = Date.now() - fs.statSync(file).mtimeMs;
      } catch {
        continue; // released meanwhile
      }
      const stale = owner ? !pidAlive(owner) : age > 10_000;
      if (stale) {
        log(`removing stale lock ${file} (pid ${owner || '?'} is gone)`);
        fs.rmSync(file, { force: true });
        continue;
      }
      if (Date.now() - lastNote > 30_000) {
        log(`waiting for pid ${owner} which is preparing ${name} (${elapsed(t0)})`);
        lastNote = Date.now();
      }
      await sleep(500);
    }
  }
  heldLocks.add(file);
  if (!lockExitHook) {
    lockExitHook = true;
    process.on('exit', () => heldLocks.forEach((f) => fs.rmSync(f, { force: true })));
  }
  try {
    return await fn();
  } finally {
    heldLocks.delete(file);
    fs.rmSync(file, { force: true });
  }
}

// ---------------------------------------------------------------- running build tools with progress

const GO_PKG_LINE = /^[\w.~+-]+(\/[\w.~+-]+)+$|^[\w.~+-]+$/;

/**
 * Runs a build command, condensing its chatter (module/artifact downloads, `-v` package names) into a progress line
 * every ~10 s, printing anything else as is, and putting the output's tail into the error on failure.
 */
function runBuild(label: string, cmd: string, args: string[], opts: { cwd: string; env?: NodeJS.ProcessEnv }): Promise<void> {
  return new Promise((resolve, reject) => {
    const t0 = Date.now();
    const tail: string[] = [];
    let downloads = 0;
    let compiled = 0;
    let lastItem = '';
    let reported = '';
    let lastPrint = Date.now();
    const print = (s: string) => {
      log(`${label}: ${s}`);
      lastPrint = Date.now();
    };
    const summary = () =>
      [downloads && `${downloads} downloaded`, compiled && `${compiled} packages compiled`].filter(Boolean).join(', ') + (lastItem ? ` (last: ${lastItem})` : '');
    const timer = setInterval(() => {
      const s = summary();
      if (s && s !== reported) print(`${s} [${elapsed(t0)}]`);
      else if (Date.now() - lastPrint > 30_000) print(`still working [${elapsed(t0)}]`);
      reported = s;
    }, 10_000);
    const onLine = (line: string) => {
      line = line.replace(/\x1b\[[0-9;]*m/g, '').trimEnd();
      if (!line.trim()) return;
      tail.push(line);
      if (tail.length > 40) tail.shift();
      let m: RegExpMatchArray | null;
      if ((m = line.match(/^go: downloading (\S+) (\S+)/))) {
        downloads++;
        lastItem = `${m[1]}@${m[2]}`;
      } else if ((m = line.match(/^(?:\[INFO\] )?Downloaded from \S+: (\S+)/))) {
        downloads++;
        lastItem = path.basename(m[1]);
      } else if (/^(\[INFO\] )?Downloading from /.test(line) || /^\[INFO\]( -*)?\s*$/.test(line)) {
        // counted on completion / separators
      } else if (GO_PKG_LINE.test(line)) {
        compiled++;
        lastItem = line;
      } else print(line);
    };
    const child = spawn(cmd, args, { cwd: opts.cwd, env: opts.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] });
    for (const stream of [child.stdout, child.stderr]) {
      let buf = '';
      stream.setEncoding('utf8');
      stream.on('data', (d: string) => {
        buf += d;
        const lines = buf.split(/\r?\n/);
        buf = lines.pop() ?? '';
        lines.forEach(onLine);
      });
      stream.on('end', () => buf && onLine(buf));
    }
    child.on('error', (e) => {
      clearInterval(timer);
      reject(new Error(`${label}: cannot run ${cmd}: ${e.message}`));
    });
    child.on('close', (code, signal) => {
      clearInterval(timer);
      if (code === 0) {
        print(`done in ${elapsed(t0)}`);
        resolve();
      } else {
        reject(new Error(`${label}: \`${cmd} ${args.join(' ')}\` failed (${signal ?? `exit ${code}`}) in ${opts.cwd}:\n  ${tail.slice(-25).join('\n  ')}`));
      }
    });
  });
}

function goEnv(extraFlags = ''): NodeJS.ProcessEnv {
  // GOWORK=off: never pick up a go.work from a parent directory; builds run with cwd in the cache, not the repo.
  const flags = [process.env.GOFLAGS, extraFlags].filter(Boolean).join(' ');
  return { ...process.env, GO111MODULE: 'on', GOWORK: 'off', GOFLAGS: flags };
}

function captureOutput(cmd: string, args: string[], opts: { cwd?: string; env?: NodeJS.ProcessEnv; timeoutMs?: number } = {}): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd: opts.cwd, env: opts.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs ?? 600_000);
    child.on('error', (e) => reject(e));
    child.on('close', (code) => {
      clearTimeout(timer);
      if (code === 0) resolve(out);
      else reject(new Error(`\`${cmd} ${args.join(' ')}\` failed (exit ${code}): ${(err || out).trim().slice(-2000)}`));
    });
  });
}

// ---------------------------------------------------------------- online probe

let onlineProbe: Promise<boolean> | undefined;
/** Quick HTTPS HEAD to the Temporal download host: any HTTP answer counts as online. Memoized per process. */
export function isOnline(timeoutMs = 2500): Promise<boolean> {
  onlineProbe ??= new Promise<boolean>((resolve) => {
    const req = https.request('https://temporal.download', { method: 'HEAD', timeout: timeoutMs }, (res) => {
      res.resume();
      resolve(true);
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', () => resolve(false));
    req.end();
  });
  return onlineProbe;
}

// ---------------------------------------------------------------- FerretDB

function ferretDbTarget(): string {
  return path.join(cacheDir(), 'bin', `ferretdb-${VERSIONS.ferretdb}`);
}

async function buildFerretDb(target: string): Promise<void> {
  const v = VERSIONS.ferretdb;
  const cache = cacheDir();
  const go = requireTool('go', `build FerretDB ${v} into ${cache}`, 'Install Go, or put mongod on PATH, or set FERRETDB_PATH to a ferretdb binary, or MONGODB_URI to a running MongoDB.');
  log(`building FerretDB ${v} from the Go module proxy into ${cache} (first time only; takes a few minutes)`);
  // `go install ...@v` yields a binary that panics on start (build/version/version.txt is generated in their repo),
  // so: download the module, fill in version.txt, build from that copy.
  const info = JSON.parse(await captureOutput(go, ['mod', 'download', '-json', `github.com/FerretDB/FerretDB@${v}`], { cwd: cache, env: goEnv() })) as {
    Dir?: string;
    Error?: string;
  };
  if (!info.Dir) throw new Error(`go mod download of FerretDB ${v} gave no directory: ${info.Error ?? 'unknown error'}`);
  const src = path.join(cache, 'src', `ferretdb-${v}.tmp-${process.pid}`);
  rmForce(src);
  fs.mkdirSync(path.dirname(src), { recursive: true });
  fs.cpSync(info.Dir, src, { recursive: true });
  chmodUserWritable(src);
  fs.writeFileSync(path.join(src, 'build', 'version', 'version.txt'), `${v}\n`);
  const tmp = `${target}.tmp-${process.pid}`;
  fs.mkdirSync(path.dirname(target), { recursive: true });
  try {
    await runBuild('ferretdb', go, ['build', '-v', '-o', tmp, './cmd/ferretdb'], { cwd: src, env: goEnv('-mod=mod') });
    fs.renameSync(tmp, target);
  } finally {
    rmForce(src);
    fs.rmSync(tmp, { force: true });
  }
}

export async function resolveFerretDb(): Promise<Resolved<string>> {
  const fromEnv = envBinary('FERRETDB_PATH', 'a ferretdb binary');
  if (fromEnv) return { value: fromEnv, source: 'env', version: 'from FERRETDB_PATH' };
  const onPath = which('ferretdb');
  if (onPath) return { value: onPath, source: 'path', version: 'from PATH' };
  const target = ferretDbTarget();
  if (isExecutable(target)) return { value: target, source: 'cache', version: VERSIONS.ferretdb };
  return withLock(`ferretdb-${VERSIONS.ferretdb}`, async () => {
    if (isExecutable(target)) return { value: target, source: 'cache' as const, version: VERSIONS.ferretdb };
    await buildFerretDb(target);
    return { value: target, source: 'built' as const, version: VERSIONS.ferretdb };
  });
}

export async function ensureFerretDb(): Promise<string> {
  return (await resolveFerretDb()).value;
}

// ---------------------------------------------------------------- FerretDB's `_id` index

const ID_INDEX_SRC = path.join(__dirname, 'ferretdb-id-index');

/** The tool's cache path carries a hash of its source, so a changed tool is rebuilt, never reused stale. */
function idIndexToolTarget(): string {
  const h = crypto.createHash('sha256');
  for (const f of ['main.go', 'go.mod', 'go.sum']) h.update(fs.readFileSync(path.join(ID_INDEX_SRC, f)));
  return path.join(cacheDir(), 'bin', `ferretdb-id-index-${h.digest('hex').slice(0, 12)}`);
}

/**
 * The `ferretdb-id-index` tool (scripts/servers/ferretdb-id-index), built with Go on first use. Undefined when Go
 * is missing: FerretDB then works as before, only slower (every `_id` read and write scans its table).
 */
export async function resolveFerretDbIdIndexTool(): Promise<string | undefined> {
  const target = idIndexToolTarget();
  if (isExecutable(target)) return target;
  const go = which('go');
  if (!go) {
    log('ferretdb-id-index: Go is not on PATH, so FerretDB runs without its `_id` lookup index (slower, still correct)');
    return undefined;
  }
  return withLock('ferretdb-id-index', async () => {
    if (isExecutable(target)) return target;
    log('building ferretdb-id-index (first time only; under a minute)');
    const tmp = `${target}.tmp-${process.pid}`;
    fs.mkdirSync(path.dirname(target), { recursive: true });
    try {
      await runBuild('ferretdb-id-index', go, ['build', '-v', '-o', tmp, '.'], { cwd: ID_INDEX_SRC, env: goEnv('-mod=mod') });
      fs.renameSync(tmp, target);
    } finally {
      fs.rmSync(tmp, { force: true });
    }
    return target;
  });
}

/**
 * Which MongoDB to use: MONGODB_URI (running server), FERRETDB_PATH, a real `mongod` on PATH (preferred over
 * FerretDB), else FerretDB from PATH/cache/build. No online step: we deliberately do not ship mongodb-memory-server.
 */
export async function resolveMongo(opts: { useEnvUri?: boolean } = {}): Promise<MongoPlan> {
  const uri = loadConfig().MONGODB_URI;
  if (uri && opts.useEnvUri !== false) return { kind: 'external', uri };
  if (!process.env.FERRETDB_PATH) {
    const mongod = which('mongod');
    if (mongod) return { kind: 'mongod', path: mongod, source: 'path' };
  }
  const f = await resolveFerretDb();
  return { kind: 'ferretdb', path: f.value, source: f.source, version: f.version };
}

// ---------------------------------------------------------------- Temporal CLI

function temporalCliTarget(): string {
  return path.join(cacheDir(), `bin-temporal-${VERSIONS.temporalCli}`, 'temporal');
}

async function buildTemporalCli(target: string): Promise<void> {
  const v = VERSIONS.temporalCli;
  const cache = cacheDir();
  const go = requireTool('go', `build the Temporal CLI ${v} into ${cache}`, 'Install Go, or set TEMPORAL_CLI_PATH to a temporal binary, or TEMPORAL_ADDRESS to a running Temporal server.');
  log(`building Temporal CLI ${v} from the Go module proxy into ${cache} (first time only; takes several minutes)`);
  const bin = path.dirname(target);
  const tmpBin = `${bin}.tmp-${process.pid}`;
  rmForce(tmpBin);
  fs.mkdirSync(tmpBin, { recursive: true });
  try {
    // -X sets the version `temporal --version` reports (otherwise 0.0.0-DEV).
    const ldflags = `-X github.com/temporalio/cli/temporalcli.Version=${v.replace(/^v/, '')}`;
    await runBuild('temporal-cli', go, ['install', '-v', `-ldflags=${ldflags}`, `github.com/temporalio/cli/cmd/temporal@${v}`], {
      cwd: cache,
      env: { ...goEnv(), GOBIN: tmpBin },
    });
    rmForce(bin);
    fs.renameSync(tmpBin, bin);
  } finally {
    rmForce(tmpBin);
  }
}

async function resolveTemporalCliLocal(): Promise<Resolved<string> | undefined> {
  const fromEnv = envBinary('TEMPORAL_CLI_PATH', 'a temporal CLI binary');
  if (fromEnv) return { value: fromEnv, source: 'env', version: 'from TEMPORAL_CLI_PATH' };
  const onPath = which('temporal');
  if (onPath) return { value: onPath, source: 'path', version: 'from PATH' };
  const target = temporalCliTarget();
  if (isExecutable(target)) return { value: target, source: 'cache', version: VERSIONS.temporalCli };
  return undefined;
}

/** TEMPORAL_CLI_PATH -> `temporal` on PATH -> cache -> (online, if allowed) -> build. */
export async function resolveTemporalCli(opts?: { allowOnline?: false }): Promise<Resolved<string>>;
export async function resolveTemporalCli(opts: { allowOnline: boolean }): Promise<Resolved<string> | OnlineDownload>;
export async function resolveTemporalCli(opts: { allowOnline?: boolean } = {}): Promise<Resolved<string> | OnlineDownload> {
  const local = await resolveTemporalCliLocal();
  if (local) return local;
  if (opts.allowOnline && (await isOnline())) return { source: 'online' };
  const target = temporalCliTarget();
  return withLock(`temporal-cli-${VERSIONS.temporalCli}`, async () => {
    if (isExecutable(target)) return { value: target, source: 'cache' as const, version: VERSIONS.temporalCli };
    await buildTemporalCli(target);
    return { value: target, source: 'built' as const, version: VERSIONS.temporalCli };
  });
}

export async function ensureTemporalCli(): Promise<string> {
  return (await resolveTemporalCli()).value;
}

// ---------------------------------------------------------------- Java time-skipping test server

function testServerDir(): string {
  return path.join(cacheDir(), `temporal-test-server-${VERSIONS.javaTestServer}`);
}

function findJava(): string | undefined {
  const home = process.env.JAVA_HOME;
  if (home && isExecutable(path.join(home, 'bin', 'java'))) return path.join(home, 'bin', 'java');
  return which('java');
}

function cachedClasspath(dir: string): string | undefined {
  try {
    const cp = fs.readFileSync(path.join(dir, 'classpath.txt'), 'utf8').trim();
    return cp && cp.split(path.delimiter).every((j) => fs.existsSync(j)) ? cp : undefined;
  } catch {
    return undefined;
  }
}

async function buildTestServerClasspath(dir: string): Promise<void> {
  const v = VERSIONS.javaTestServer;
  const mvn = requireTool('mvn', `resolve io.temporal:temporal-test-server:${v} from Maven Central`, 'Install Maven, or set TEMPORAL_TEST_SERVER_PATH to a test server executable (it is run as `<path> <port> --enable-time-skipping`).');
  log(`resolving the Temporal Java test server ${v} from Maven Central into ${dir} (first time only; ~1 min)`);
  const tmp = `${dir}.tmp-${process.pid}`;
  rmForce(tmp);
  fs.mkdirSync(tmp, { recursive: true });
  fs.writeFileSync(
    path.join(tmp, 'pom.xml'),
    `<project xmlns="http://maven.apache.org/POM/4.0.0"><modelVersion>4.0.0</modelVersion>
  <groupId>local.aftersales</groupId><artifactId>temporal-test-server-classpath</artifactId><version>1</version>
  <dependencies><dependency><groupId>io.temporal</groupId><artifactId>temporal-test-server</artifactId><version>${v}</version></dependency></dependencies>
</project>
`,
  );
  try {
    // Jars go to <cache>/m2 so a CI cache of AFTERSALES_CACHE_DIR alone is complete.
    await runBuild('test-server', mvn, ['-B', `-Dmaven.repo.local=${path.join(cacheDir(), 'm2')}`, 'dependency:build-classpath', '-Dmdep.outputFile=classpath.txt'], { cwd: tmp });
    if (!cachedClasspath(tmp)) throw new Error(`Maven produced no usable ${path.join(tmp, 'classpath.txt')}`);
    rmForce(dir);
    fs.renameSync(tmp, dir);
  } finally {
    rmForce(tmp);
  }
}

/** A port that was free a moment ago (bind to 0 on 127.0.0.1, read it, close). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
  });
}

export function tcpOpen(port: number, host = '127.0.0.1'): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.connect(port, host);
    s.once('connect', () => (s.destroy(), resolve(true)));
    s.once('error', () => resolve(false));
  });
}

function cdsArchivePath(java: string, classpath: string, dir: string): string {
  // An archive only works with the JVM and jars it was dumped from, hence the key.
  const real = fs.realpathSync(java);
  const key = crypto.createHash('sha1').update(`${real}\n${fs.statSync(real).mtimeMs}\n${classpath}`).digest('hex').slice(0, 12);
  return path.join(dir, `startup-${key}.jsa`);
}

/** AppCDS archive of the classes the server loads at startup: cuts time-to-listen from ~1.5 s to ~0.5 s here. */
async function createCdsArchive(java: string, classpath: string, archive: string): Promise<boolean> {
  const tmp = `${archive}.tmp-${process.pid}.jsa`;
  const port = await freePort();
  const t0 = Date.now();
  log('creating a JVM class-data archive for faster test-server startup (once)');
  const child = spawn(java, [`-XX:ArchiveClassesAtExit=${tmp}`, ...TEST_SERVER_JVM, '-cp', classpath, TEST_SERVER_MAIN, String(port), '--enable-time-skipping'], {
    stdio: 'ignore',
  });
  const exited = new Promise<void>((r) => child.on('close', () => r()));
  let up = false;
  while (!up && Date.now() - t0 < 60_000 && child.exitCode === null) {
    up = await tcpOpen(port);
    if (!up) await sleep(100);
  }
  if (up) await sleep(1000); // let main() finish registering its shutdown hook before SIGTERM
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
  await exited;
  clearTimeout(timer);
  if (up && fs.existsSync(tmp) && fs.statSync(tmp).size > 0) {
    fs.renameSync(tmp, archive);
    log(`class-data archive ready in ${elapsed(t0)}`);
    return true;
  }
  fs.rmSync(tmp, { force: true });
  fs.writeFileSync(`${archive}.failed`, `${new Date().toISOString()} ${java}\n`); // don't retry on every run
  log('could not create the class-data archive (old JVM?); continuing without it');
  return false;
}

function writeWrapper(dir: string, java: string, classpath: string, jvmArgs: string[]): string {
  const q = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;
  const file = path.join(dir, 'temporal-test-server');
  const content = `#!/bin/sh\n# generated by scripts/servers/provision.ts; usage: temporal-test-server <port> --enable-time-skipping\nexec ${[java, ...jvmArgs, '-cp', classpath, TEST_SERVER_MAIN].map(q).join(' ')} "$@"\n`;
  if (!fs.existsSync(file) || fs.readFileSync(file, 'utf8') !== content) writeAtomic(file, content, 0o755);
  return file;
}

function javaServer(java: string, classpath: string, archive: string): JavaTestServer {
  const jvmArgs = [...TEST_SERVER_JVM, ...(fs.existsSync(archive) ? [`-XX:SharedArchiveFile=${archive}`, '-Xshare:auto'] : [])];
  return { java, classpath, jvmArgs, wrapper: writeWrapper(path.dirname(archive), java, classpath, jvmArgs) };
}

/** TEMPORAL_TEST_SERVER_PATH -> `temporal-test-server` on PATH -> cached classpath -> (online, if allowed) -> Maven. */
export async function resolveJavaTestServer(opts?: { allowOnline?: false }): Promise<Resolved<JavaTestServer>>;
export async function resolveJavaTestServer(opts: { allowOnline: boolean }): Promise<Resolved<JavaTestServer> | OnlineDownload>;
export async function resolveJavaTestServer(opts: { allowOnline?: boolean } = {}): Promise<Resolved<JavaTestServer> | OnlineDownload> {
  const fromEnv = envBinary('TEMPORAL_TEST_SERVER_PATH', 'a test server executable run as `<path> <port> --enable-time-skipping`');
  if (fromEnv) return { value: { executable: fromEnv }, source: 'env', version: 'from TEMPORAL_TEST_SERVER_PATH' };
  const onPath = which('temporal-test-server');
  if (onPath) return { value: { executable: onPath }, source: 'path', version: 'from PATH' };
  const v = VERSIONS.javaTestServer;
  const dir = testServerDir();
  const java = findJava();
  const noJava = () =>
    new Error(`\`java\` not found (JAVA_HOME or PATH): it is needed to run the Temporal Java test server ${v}. Install a JDK (11+) and Maven, or set TEMPORAL_TEST_SERVER_PATH to a test server executable.`);
  const warm = java && cachedClasspath(dir);
  if (java && warm) {
    const archive = cdsArchivePath(java, warm, dir);
    if (fs.existsSync(archive) || fs.existsSync(`${archive}.failed`)) return { value: javaServer(java, warm, archive), source: 'cache', version: v };
  } else if (opts.allowOnline && (await isOnline())) return { source: 'online' };
  if (!java) throw noJava();
  return withLock(`temporal-test-server-${v}`, async () => {
    let source: Source = 'cache';
    let classpath = cachedClasspath(dir);
    if (!classpath) {
      await buildTestServerClasspath(dir);
      classpath = cachedClasspath(dir)!;
      source = 'built';
    }
    const archive = cdsArchivePath(java, classpath, dir);
    if (!fs.existsSync(archive) && !fs.existsSync(`${archive}.failed`)) await createCdsArchive(java, classpath, archive);
    return { value: javaServer(java, classpath, archive), source, version: v };
  });
}

export async function ensureJavaTestServer(): Promise<JavaTestServer> {
  return (await resolveJavaTestServer()).value;
}
