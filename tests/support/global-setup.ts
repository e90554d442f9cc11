// Once per test run: a MongoDB-wire server (FerretDB unless MONGODB_URI names one). Each test file uses its
// own database on it.
import os from 'node:os';
import path from 'node:path';
import fs from 'node:fs';
import type { TestProject } from 'vitest/node';
import { startMongo } from '../../scripts/servers/launch';

declare module 'vitest' {
  export interface ProvidedContext {
    mongoUri: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  if (process.env.MONGODB_URI) {
    project.provide('mongoUri', process.env.MONGODB_URI);
    return async () => {};
  }
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'aftersales-test-mongo-'));
  const mongo = await startMongo({ dataDir });
  project.provide('mongoUri', mongo.uri);
  return async () => {
    await mongo.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
}
