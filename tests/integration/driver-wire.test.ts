// The limit that decides how far mongoose can move: the MongoDB driver it ships refuses servers whose wire
// version lies outside its supported range, and FerretDB v1 announces itself as a MongoDB 7.0 (wire 21). When a
// mongoose major brings a driver that drops wire 21, this test fails first and names both numbers (README,
// "Maintenance").
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import mongoose from 'mongoose';
import { startMongo } from '../../scripts/servers/launch';

// The driver's own bounds, read from the copy mongoose uses (not a second one).
const driverDir = path.dirname(require.resolve('mongodb/package.json', { paths: [path.dirname(require.resolve('mongoose'))] }));
const wire = require(path.join(driverDir, 'lib/cmap/wire_protocol/constants.js')) as {
  MIN_SUPPORTED_WIRE_VERSION: number;
  MAX_SUPPORTED_WIRE_VERSION: number;
};
const driverVersion = JSON.parse(fs.readFileSync(path.join(driverDir, 'package.json'), 'utf8')).version as string;

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

describe('the MongoDB driver mongoose ships and the embedded server', () => {
  it('agree on a wire version, so mongoose can connect and write', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'aftersales-wire-test-'));
    dirs.push(dataDir);
    const mongo = await startMongo({ dataDir, dbName: 'wire_test', useEnv: false });
    try {
      const conn = await mongoose.createConnection(mongo.uri, { serverSelectionTimeoutMS: 10_000 }).asPromise();
      try {
        const hello = await conn.db!.admin().command({ hello: 1 });
        const range = `driver ${driverVersion} speaks wire ${wire.MIN_SUPPORTED_WIRE_VERSION}-${wire.MAX_SUPPORTED_WIRE_VERSION}`;
        expect(hello.maxWireVersion, `${range}; the server announces up to ${hello.maxWireVersion}`).toBeGreaterThanOrEqual(wire.MIN_SUPPORTED_WIRE_VERSION);
        expect(hello.minWireVersion ?? 0, `${range}; the server needs at least ${hello.minWireVersion}`).toBeLessThanOrEqual(wire.MAX_SUPPORTED_WIRE_VERSION);
        // Beyond the handshake: a mongoose model writes and reads back through this driver.
        const Probe = conn.model('Probe', new mongoose.Schema({ _id: String, n: Number }));
        await Probe.create({ _id: 'p1', n: 1 });
        await Probe.updateOne({ _id: 'p1' }, { $inc: { n: 1 } });
        expect((await Probe.findById('p1').lean())?.n).toBe(2);
      } finally {
        await conn.close();
      }
    } finally {
      await mongo.stop();
    }
  }, 120_000);
});
