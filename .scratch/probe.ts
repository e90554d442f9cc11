import fs from 'node:fs'; import os from 'node:os'; import path from 'node:path';
import mongoose from '../node_modules/mongoose';
import { startMongo } from '/work/wt-reports/scripts/servers/launch';
async function main() {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rp-mongo-'));
  const mongo = await startMongo({ dataDir, useEnv: false });
  const c = await mongoose.mongo.MongoClient.connect(mongo.uri);
  const col = c.db().collection('x');
  await col.insertMany([
    { _id: 'a' as any, kind: 'service', closedAt: new Date('2026-03-02T01:00:00Z'), data: { clock: { met: true, workingMs: 10, pausedWorkingMs: 0 }, callback: { score: 4 } } },
    { _id: 'b' as any, kind: 'service', closedAt: new Date('2026-03-02T02:00:00Z'), data: { clock: { met: false, workingMs: 20, pausedWorkingMs: 5 } } },
    { _id: 'c' as any, kind: 'factory_repair', closedAt: new Date('2026-03-03T02:00:00Z'), data: { clock: { met: true, workingMs: 30, pausedWorkingMs: 7 } } },
  ]);
  const tryp = async (name: string, p: any[]) => { try { console.log(name, JSON.stringify(await col.aggregate(p).toArray())); } catch (e: any) { console.log(name, 'ERR', e.message); } };
  await tryp('sumtop', [{ $group: { _id: '$kind', s: { $sum: '$n' } } }]);
  await col.updateMany({}, { $set: { n: 3 } });
  await tryp('sumtop2', [{ $group: { _id: '$kind', s: { $sum: '$n' } } }]);
  await tryp('sumnested', [{ $group: { _id: '$kind', s: { $sum: '$data.clock.workingMs' } } }]);
  await tryp('push', [{ $group: { _id: '$kind', all: { $push: '$_id' } } }]);
  await c.close(); await mongo.stop();
}
main().catch((e) => { console.error(e); process.exit(1); });
