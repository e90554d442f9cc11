// Replays every recorded history against the current workflow code: non-determinism fails here.
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { bundleWorkflowCode, DefaultLogger, Worker } from '@temporalio/worker';
import { temporal } from '@temporalio/proto';
import { HISTORY_DIR } from '../support/histories';
import { workflowSource } from '../../worker/workflow-source';
import { modulesPerCase } from '../../scripts/bench/module-cost';

// Histories of every generation of the workflow code (sub-folders hold those recorded before a patch, e.g.
// `before-deltas/`): cases still running from then must keep replaying.
const fixtures = fs.existsSync(HISTORY_DIR)
  ? (fs.readdirSync(HISTORY_DIR, { recursive: true }) as string[]).filter((f) => f.endsWith('.bin')).sort()
  : [];

describe('workflow history replay', () => {
  let workflowBundle: { code: string };
  beforeAll(async () => {
    // Once, and the code the worker runs: its prebuilt bundle when that is up to date, else the sources bundled
    // with the worker's own options (the modules every case shares included).
    const { source } = workflowSource();
    workflowBundle =
      'workflowBundle' in source
        ? { code: fs.readFileSync(source.workflowBundle.codePath, 'utf8') }
        : await bundleWorkflowCode({ workflowsPath: source.workflowsPath, ...source.bundlerOptions, logger: new DefaultLogger('ERROR') });
  });

  it('has recorded histories to replay', () => {
    expect(fixtures.length).toBeGreaterThan(0);
  });

  it('shares zod between the worker\'s cases: no case evaluates a zod module of its own', () => {
    const perCase = modulesPerCase(workflowBundle.code);
    expect(perCase).toContain('./workflows/index.ts');
    expect(perCase.filter((id) => id.includes('node_modules/zod/'))).toEqual([]);
  });

  it.each(fixtures)('replays %s', async (file) => {
    const history = temporal.api.history.v1.History.decode(fs.readFileSync(path.join(HISTORY_DIR, file)));
    await expect(
      Worker.runReplayHistory({ workflowBundle }, history, path.basename(file, '.bin')),
    ).resolves.toBeUndefined();
  });
});
