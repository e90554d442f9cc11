// A bounded schemathesis run (the CI-size version of `npm run fuzz`) against the test stack's API: requests
// generated from GET /openapi.json with a few roles' tokens get no server error and no status the document does
// not declare for the operation. schemathesis comes from PyPI (venv under the server cache); without it this fails.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureSchemathesis, fuzz, parseArgs } from '../../scripts/fuzz';
import { startStack, type Stack } from '../support/stack';

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

  it('finds no server error and no undocumented status for the supervisor, an agent and a technician', async () => {
    // The coverage phase (boundary values, missing and malformed parts: ~2,500 requests) for the supervisor, who
    // may do the most; a few generated requests per operation for the others, to stay within CI's minute.
    const sup = await fuzz(parseArgs([`--url=${s.apiUrl}`, '--tokens=sup1:dev-sup1', '--max-examples=2', '--phases=examples,coverage', '--seed=7']), bin, false);
    const others = await fuzz(parseArgs([`--url=${s.apiUrl}`, '--tokens=agent1:dev-agent1,tech1:dev-tech1', '--max-examples=3', '--phases=examples,fuzzing', '--seed=7']), bin, false);
    const results = [...sup, ...others];
    expect(results.map((r) => r.user)).toEqual(['sup1', 'agent1', 'tech1']);
    for (const r of results) {
      // It reached the API: requests were generated and answered.
      expect(r.output).toMatch(/[1-9]\d* generated/);
      expect(r.ok, `${r.user}:\n${r.output.slice(-6000)}`).toBe(true);
    }
  }, 60_000);
});
