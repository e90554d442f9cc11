// The table of issue 14: each figure beside its target, with the machine's core count and the commit.
import { execFileSync } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';

export interface Row {
  what: string;
  measured: string;
  target: string;
  /** undefined: a baseline figure, no target of its own. */
  ok?: boolean;
}

/** The row labels every run prints (a size's rows once per size); the bench's test checks them. */
export const ROW_LABELS = [
  'bare Temporal: no-op workflow starts, 8 concurrent',
  'inquiry opens through the API, 8 concurrent',
  'service case opens through the API, 8 concurrent',
  'bare Temporal: workflow Update round trip',
  'POST /tasks/:id/complete',
  'GET /tasks',
  'GET /cases',
  'worker RSS',
  'history of an on-site service case',
  'activity failures during the whole run',
  'bare Temporal: Update on a workflow out of the worker cache',
  'workflow modules each case evaluates (the SDK isolates module state per workflow)',
  "the worker's mean time per workflow task (SDK metrics)",
  'CPU per open, all processes',
] as const;

export const ms = (v: number) => `${v < 10 ? v.toFixed(1) : v.toFixed(0)} ms`;
export const ratio = (v: number) => `${v.toFixed(2)}×`;

export function gitCommit(): string {
  try {
    const cwd = path.resolve(__dirname, '..', '..');
    const sha = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd, encoding: 'utf8' }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--untracked-files=no'], { cwd, encoding: 'utf8' }).trim() ? '+uncommitted changes' : '';
    return sha + dirty;
  } catch {
    return 'unknown (not a git checkout)';
  }
}

export function printTable(rows: Row[], context: { temporal: string; mongo: string; command: string }): void {
  const lines = [
    '',
    `Issue 14 benchmark — ${new Date().toISOString()}`,
    `  machine: ${os.availableParallelism()} cores, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB; node ${process.version}; commit ${gitCommit()}`,
    `  Temporal: ${context.temporal}; MongoDB: ${context.mongo}`,
    `  command: ${context.command}`,
    '',
    '| what | measured | target | |',
    '| --- | --- | --- | --- |',
    ...rows.map((r) => `| ${r.what} | ${r.measured} | ${r.target} | ${r.ok === undefined ? '' : r.ok ? 'ok' : 'MISSED'} |`),
    '',
  ];
  console.log(lines.join('\n'));
}
