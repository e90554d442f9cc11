// A database of a test file's own on the real MongoDB-wire server: connected before its tests, dropped after.
import { afterAll, beforeAll, inject } from 'vitest';
import type { Connection } from 'mongoose';
import { connectDb, models, type Models } from '../../db/models';
import { withDatabase } from './stack';

export interface TestDatabase {
  readonly conn: Connection;
  readonly m: Models;
  /** Another connection to the same database: what a second process sees (its own per-process memos). */
  connectAgain(): Promise<Connection>;
}

export function useTestDatabase(name: string): TestDatabase {
  const uri = withDatabase(inject('mongoUri'), name);
  let conn: Connection | undefined;
  beforeAll(async () => {
    conn = await connectDb(uri);
    await conn.dropDatabase();
  });
  afterAll(async () => {
    await conn?.dropDatabase();
    await conn?.close();
  });
  return {
    get conn() {
      return conn!;
    },
    get m() {
      return models(conn!);
    },
    connectAgain: () => connectDb(uri),
  };
}
