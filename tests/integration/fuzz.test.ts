// A bounded schemathesis run (the CI-size version of `npm run fuzz`) against the test stack's API with every
// development user's token (one per role): requests generated from GET /openapi.json get no server error, no
// status the document does not declare for the operation, no refusal of a schema-valid request and no error
// answer off the declared schema. schemathesis comes from PyPI (venv under the server cache); without it this fails.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureSchemathesis, fuzz, parseArgs } from '../../scripts/fuzz';
import { DEV_USERS } from '../../db/dev-users';
import { startStack, type Stack } from '../support/stack';

const FUZZ_EXAMPLES = Number(process.env.FUZZ_EXAMPLES ?? 1);
const FUZZ_PHASES = process.env.FUZZ_PHASES ?? 'examples,fuzzing';
const USERS = process.env.FUZZ_USERS ? DEV_USERS.filter((u) => process.env.FUZZ_USERS!.split(',').includes(u.id)) : DEV_USERS;

describe('fuzzing the API from its OpenAPI document', () => {
  let s: Stack;
  let bin: string;
  beforeAll(async () => {
    // Installs on first use; a clear error (PyPI unreachable, no python3 venv) fails the test here.
    bin = ensureSchemathesis();
    s = await startStack('fuzz');
  }, 240_000);
  afterAll(async () => {
    await s?.stop();
  });

  it('finds no server error, undocumented status or refused valid request for any role', async () => {
    // Every role's token, the document's examples and a generated request or so per operation: within CI's
    // couple of minutes. `npm run fuzz` (or FUZZ_EXAMPLES / FUZZ_PHASES here) goes further.
    const tokens = USERS.map((u) => `${u.id}:dev-${u.id}`).join(',');
    const results = await fuzz(parseArgs([`--url=${s.apiUrl}`, `--tokens=${tokens}`, `--max-examples=${FUZZ_EXAMPLES}`, `--phases=${FUZZ_PHASES}`, '--seed=7']), bin, false);
    // What the run found, per role, for the record (the last lines: schemathesis's summary).
    fs.writeFileSync(path.join(os.tmpdir(), 'aftersales-fuzz-report.txt'), results.map((r) => `## ${r.user}: ${r.ok ? 'ok' : 'FAILED'}\n${r.output}`).join('\n\n'));
    expect(results.map((r) => r.user)).toEqual(USERS.map((u) => u.id));
    for (const r of results) {
      // It reached the API: requests were generated and answered.
      expect(r.output).toMatch(/[1-9]\d* generated/);
      expect(r.ok, `${r.user}:\n${r.output.slice(-6000)}`).toBe(true);
    }
  }, Number(process.env.FUZZ_TIMEOUT_MS ?? 240_000));
});
