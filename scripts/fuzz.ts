// `npm run fuzz`: schemathesis (from PyPI, in a venv under the server cache) generates requests from
// GET /openapi.json and sends them with every development user's token (one per role); it reports server errors
// (5xx), answers whose status the document does not declare for the operation, schema-valid requests that were
// refused (400), and error answers that do not match the declared error schema. Exits non-zero when it found any.
//
//   npx tsx scripts/fuzz.ts                      # starts the embedded stack in a temporary data directory
//   npx tsx scripts/fuzz.ts --url=http://127.0.0.1:3000 --tokens=agent1:<token>,sup1:<token>
//   options: --users=agent1,tech1,...  (default: every development user)  --max-examples=20
//            --max-time=<seconds per role>  --phases=examples,coverage,fuzzing  --seed=1
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import { config } from '../config';
import { DEV_USERS, devToken, readDevSecret } from '../db/dev-users';
import { freePort } from './servers/provision';

const say = (msg: string) => console.log(`[fuzz] ${msg}`);
export const CHECKS = 'not_a_server_error,status_code_conformance,positive_data_acceptance,response_schema_conformance';
// A schema-valid request may still be refused for the state it meets: not found, a conflict, a used receipt link
// (410), or content that does not fit a rule beyond the schema (422: a person not active, a date that must lie
// ahead, a cross-field rule, a stock key reused for another movement). A 400 for a schema-valid request is a gap.
const ACCEPTED = ['2xx', '401', '403', '404', '409', '410', '422'];

/**
 * Operations that still refuse some schema-valid requests with a 400. A well-formed request whose content does not
 * fit a rule the schema cannot state (stored data, the clock, cross-field rules) is answered 422, which counts as
 * accepted data above; what is left here is malformed in a way the document does not show: an opaque cursor, the
 * CSV text inside a string body, and the API's ranges on the returns rulebook's request (they live on a schema in
 * rules/returns that the document shows without them). The positive-data check is off for these alone; every other
 * check stays on (README, "API contract").
 */
export const RULES_BEYOND_THE_SCHEMA: ReadonlyArray<{ method: string; path: string; why: string }> = [
  { method: 'POST', path: '/returns', why: 'the API ranges on the rulebook request (amounts, counts, text lengths) are not in the document' },
  { method: 'POST', path: '/returns/evaluate', why: 'the API ranges on the rulebook request (amounts, counts, text lengths) are not in the document' },
  { method: 'POST', path: '/sales-figures/import', why: 'the CSV text must parse into rows of the JSON figure schema' },
  { method: 'GET', path: '/cases', why: 'cursor must be a nextCursor of this list' },
  { method: 'GET', path: '/tasks', why: 'cursor must be a nextCursor of this list' },
  { method: 'GET', path: '/audit', why: 'cursor must be a nextCursor of this list' },
];

/** The schemathesis settings file: what counts as accepting schema-valid data, and where rules go beyond the schema. */
function configFile(): string {
  const file = path.join(os.tmpdir(), 'aftersales-schemathesis.toml');
  // The checks are chosen here rather than with --checks, which would override the operations' settings below.
  const lines = ['[checks]', 'enabled = false', ...CHECKS.split(',').map((c) => `${c}.enabled = true`), `positive_data_acceptance.expected-statuses = [${ACCEPTED.map((s) => `"${s}"`).join(', ')}]`, ''];
  for (const r of RULES_BEYOND_THE_SCHEMA) {
    lines.push('[[operations]]', `include-method = "${r.method}"`, `include-path = "${r.path}"`, `# ${r.why}`, 'checks.positive_data_acceptance.enabled = false', '');
  }
  fs.writeFileSync(file, lines.join('\n'));
  return file;
}

interface Options {
  url?: string;
  tokens: Record<string, string>;
  users: string[];
  maxExamples: number;
  maxTime?: number;
  phases: string;
  seed: number;
}

export function parseArgs(argv: string[]): Options {
  const arg = (name: string) => argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
  const tokens = Object.fromEntries(
    (arg('tokens') ?? '')
      .split(',')
      .filter(Boolean)
      .map((p) => [p.slice(0, p.indexOf(':')), p.slice(p.indexOf(':') + 1)]),
  );
  return {
    url: arg('url'),
    tokens,
    users: (arg('users') ?? (Object.keys(tokens).length ? Object.keys(tokens).join(',') : DEV_USERS.map((u) => u.id).join(','))).split(','),
    maxExamples: Number(arg('max-examples') ?? 20),
    maxTime: arg('max-time') ? Number(arg('max-time')) : undefined,
    phases: arg('phases') ?? 'examples,coverage,fuzzing',
    seed: Number(arg('seed') ?? 1),
  };
}

/** The schemathesis CLI in a venv under the server cache, installed from PyPI on first use. */
export function ensureSchemathesis(): string {
  const venv = path.join(config().AFTERSALES_CACHE_DIR, 'venv');
  const bin = path.join(venv, 'bin', 'schemathesis');
  if (fs.existsSync(bin)) return bin;
  say(`installing schemathesis from PyPI into ${venv}...`);
  const python = ['python3', 'python'].find((p) => spawnSync(p, ['--version']).status === 0);
  if (!python) throw new Error('schemathesis needs Python 3 (python3 on PATH) to make its venv');
  const mk = spawnSync(python, ['-m', 'venv', venv], { stdio: 'inherit' });
  if (mk.status !== 0) throw new Error(`could not create the venv ${venv} (is the python3-venv package installed?)`);
  const pip = spawnSync(path.join(venv, 'bin', 'pip'), ['install', '--quiet', 'schemathesis'], { stdio: 'inherit' });
  if (pip.status !== 0 || !fs.existsSync(bin)) {
    fs.rmSync(venv, { recursive: true, force: true });
    throw new Error('could not install schemathesis from PyPI (pip failed: is https://pypi.org reachable, or a PIP_INDEX_URL mirror set?)');
  }
  return bin;
}

/** `npm start` in a temporary data directory on free ports; resolves once the API is ready. */
async function startEmbedded(): Promise<{ url: string; dataDir: string; stop: () => Promise<void> }> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'aftersales-fuzz-'));
  const ports: Record<string, string> = {};
  for (const n of ['API_PORT', 'MONGODB_PORT', 'TEMPORAL_PORT', 'TEMPORAL_UI_PORT', 'SMTP_PORT', 'SMTP_SINK_HTTP_PORT', 'FAKE_TWILIO_PORT']) ports[n] = String(await freePort());
  const env: NodeJS.ProcessEnv = { ...process.env, ...ports, DATA_DIR: dataDir, DEV_USERS: 'true', LOG_LEVEL: 'warn' };
  for (const k of ['MONGODB_URI', 'TEMPORAL_ADDRESS', 'SMTP_HOST', 'TWILIO_ACCOUNT_SID', 'TWILIO_API_BASE']) delete env[k];
  say(`starting the embedded stack in ${dataDir}...`);
  const child: ChildProcess = spawn(process.execPath, ['--import', pathToFileURL(require.resolve('tsx')).href, path.join(__dirname, 'start.ts')], { env, stdio: ['ignore', 'pipe', 'inherit'] });
  child.stdout!.resume();
  const url = `http://127.0.0.1:${ports.API_PORT}`;
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
    }
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
  const until = Date.now() + 180_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the embedded stack exited (${child.exitCode})`);
    if ((await fetch(`${url}/ready`).catch(() => undefined))?.status === 200) return { url, dataDir, stop };
    if (Date.now() > until) {
      await stop();
      throw new Error('the embedded stack did not become ready within 180 s');
    }
    await new Promise((r) => setTimeout(r, 500));
  }
}

/** Runs a command without blocking the event loop (the API under test may live in this very process). */
function run(bin: string, args: string[], echo: boolean): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(bin, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    for (const s of [child.stdout, child.stderr]) {
      s.on('data', (d: Buffer) => {
        output += d.toString();
        if (echo) process.stdout.write(d);
      });
    }
    child.on('error', reject);
    child.on('exit', (code) => resolve({ code, output }));
  });
}

export interface FuzzResult {
  user: string;
  ok: boolean;
  /** schemathesis's report: the failures with a curl line to reproduce each, and the summary. */
  output: string;
}

/** Runs schemathesis once per role. */
export async function fuzz(opts: Options, bin = ensureSchemathesis(), echo = true): Promise<FuzzResult[]> {
  const embedded = opts.url ? undefined : await startEmbedded();
  const url = opts.url ?? embedded!.url;
  const secret = embedded ? readDevSecret(embedded.dataDir) : readDevSecret(config().DATA_DIR);
  const results: FuzzResult[] = [];
  try {
    for (const user of opts.users) {
      const token = opts.tokens[user] ?? devToken(user, secret);
      say(`fuzzing ${url}/openapi.json as ${user} (${opts.phases}, at most ${opts.maxExamples} examples per operation)...`);
      const args = [
        '--config-file',
        configFile(),
        'run',
        `${url}/openapi.json`,
        '--url',
        url,
        '-H',
        `Authorization: Bearer ${token}`,
        '--phases',
        opts.phases,
        '--max-examples',
        String(opts.maxExamples),
        '--seed',
        String(opts.seed),
        '--no-shrink',
        '--workers',
        '2',
        '--request-timeout',
        '20',
        '--suppress-health-check',
        'all',
        '--generation-database',
        'none',
        '--no-color',
        ...(opts.maxTime ? ['--max-time', String(opts.maxTime)] : []),
      ];
      const { code, output } = await run(bin, args, echo);
      results.push({ user, ok: code === 0, output });
    }
  } finally {
    await embedded?.stop();
  }
  return results;
}

if (require.main === module) {
  fuzz(parseArgs(process.argv.slice(2)))
    .then((results) => {
      const failed = results.filter((r) => !r.ok).map((r) => r.user);
      if (failed.length) {
        say(`problems found with the tokens of: ${failed.join(', ')} (server errors, undocumented statuses, refused valid requests or error answers off the schema: above)`);
        process.exit(1);
      }
      say('no server errors, no undocumented statuses, no schema-valid request refused');
    })
    .catch((err) => {
      console.error(`[fuzz] failed: ${err instanceof Error ? err.message : String(err)}`);
      process.exit(2);
    });
}
