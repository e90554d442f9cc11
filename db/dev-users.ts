// Development users, seeded only in the explicit development mode (DEV_USERS=true; `npm start` on embedded
// defaults sets it) so the embedded default and the tests have people to act. Their tokens are derived from a
// random secret kept in the data directory (printed at start), so nobody can guess them from the source; only
// the test stack, which has no data directory of its own, uses the plain `dev-<id>`.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { config } from '../config';
import type { Role } from '../rules/roles';
import type { Models } from './models';
import { hashToken } from './tokens';

export interface DevUser {
  id: string;
  name: string;
  roles: Role[];
  phone: string;
  email: string;
  inOffice?: boolean;
  /** Technicians: where they start from (recommendations measure distance from here). */
  base?: { lat: number; lng: number };
}

export const DEV_USERS: DevUser[] = [
  { id: 'agent1', name: '王芳', roles: ['agent'], phone: '+8613800138001', email: 'agent1@example.com' },
  { id: 'agent2', name: '刘洋', roles: ['agent'], phone: '+8613800138002', email: 'agent2@example.com' },
  { id: 'tech1', name: '李强', roles: ['technician'], phone: '+8613800138011', email: 'tech1@example.com', inOffice: true, base: { lat: 39.99, lng: 116.31 } },
  { id: 'tech2', name: '张伟', roles: ['technician'], phone: '+8613800138012', email: 'tech2@example.com', base: { lat: 39.87, lng: 116.46 } },
  { id: 'sup1', name: '陈静', roles: ['supervisor'], phone: '+8613800138021', email: 'sup1@example.com' },
  { id: 'dir1', name: '赵敏', roles: ['director'], phone: '+8613800138031', email: 'dir1@example.com' },
  { id: 'sm1', name: '孙磊', roles: ['sales_manager'], phone: '+8613800138041', email: 'sm1@example.com' },
  { id: 'sp1', name: '周杰', roles: ['salesperson'], phone: '+8613800138051', email: 'sp1@example.com' },
  { id: 'gm1', name: '吴总', roles: ['general_manager'], phone: '+8613800138061', email: 'gm1@example.com' },
  { id: 'qc1', name: '郑检', roles: ['qc'], phone: '+8613800138071', email: 'qc1@example.com' },
  { id: 'wh1', name: '钱库', roles: ['warehouse'], phone: '+8613800138081', email: 'wh1@example.com' },
  { id: 'prod1', name: '冯工', roles: ['production'], phone: '+8613800138091', email: 'prod1@example.com' },
  { id: 'pm1', name: '何采', roles: ['purchasing_manager'], phone: '+8613800138101', email: 'pm1@example.com' },
  { id: 'fin1', name: '林财', roles: ['finance'], phone: '+8613800138111', email: 'fin1@example.com' },
  { id: 'admin1', name: '系统管理员', roles: ['admin'], phone: '+8613800138121', email: 'admin1@example.com' },
  { id: 'log1', name: '马运', roles: ['logistics'], phone: '+8613800138131', email: 'log1@example.com' },
];

const SECRET_FILE = 'dev-users.secret';
const inTests = () => Boolean(process.env.VITEST);

/** The data directory's development-user secret, or undefined when none was made there yet. */
export function readDevSecret(dataDir: string): string | undefined {
  try {
    return fs.readFileSync(path.join(dataDir, SECRET_FILE), 'utf8').trim() || undefined;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
}

/** The data directory's secret, made (random, readable by its owner only) on first use. */
export function ensureDevSecret(dataDir: string): string {
  const existing = readDevSecret(dataDir);
  if (existing) return existing;
  fs.mkdirSync(dataDir, { recursive: true });
  const secret = crypto.randomBytes(24).toString('base64url');
  try {
    fs.writeFileSync(path.join(dataDir, SECRET_FILE), `${secret}\n`, { mode: 0o600, flag: 'wx' });
    return secret;
  } catch (err) {
    // Another process made it first: use theirs.
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return readDevSecret(dataDir)!;
    throw err;
  }
}

/**
 * The secret development tokens derive from: the given data directory's (none there: `dev-<id>` in tests, an
 * error elsewhere); without one, none in tests (the test stack's users are `dev-<id>`) and DATA_DIR's otherwise.
 */
export function devSecret(dataDir?: string): string | undefined {
  if (dataDir === undefined) return inTests() ? undefined : ensureDevSecret(config().DATA_DIR);
  const secret = readDevSecret(dataDir);
  if (secret || inTests()) return secret;
  throw new Error(`no development-user secret in ${dataDir}; development users exist only with DEV_USERS=true`);
}

/** A development user's bearer token: `dev-<id>-<HMAC of the id under the secret>`, or `dev-<id>` without one. */
export function devToken(userId: string, secret: string | undefined = devSecret()): string {
  if (!secret) return `dev-${userId}`;
  return `dev-${userId}-${crypto.createHmac('sha256', secret).update(userId).digest('base64url').slice(0, 22)}`;
}

/** Takes the development users' tokens away (outside development mode): derived ones and the old guessable ones. */
export async function retireDevUsers(m: Models, secret?: string): Promise<void> {
  for (const u of DEV_USERS) {
    const hashes = [hashToken(`dev-${u.id}`), ...(secret ? [hashToken(devToken(u.id, secret))] : [])];
    await m.User.updateOne({ _id: u.id }, { $pull: { tokenHashes: { $in: hashes } } }, { strict: false });
  }
}

/** Upserts the development users (idempotent) with tokens under `secret`. */
export async function seedDevUsers(m: Models, secret: string | undefined = devSecret()): Promise<void> {
  // A database seeded before tokens were secret-derived still accepts the guessable `dev-<id>`: not any more.
  if (secret) await retireDevUsers(m);
  for (const u of DEV_USERS) {
    await m.User.updateOne(
      { _id: u.id },
      {
        $set: { name: u.name, roles: u.roles, phone: u.phone, email: u.email, inOffice: u.inOffice ?? false, locale: 'zh-CN', active: true, ...(u.base ? { base: u.base } : {}) },
        // Tokens issued later through the API stay; plain tokens of a database seeded before hashing go.
        $addToSet: { tokenHashes: hashToken(devToken(u.id, secret)) },
        $unset: { tokens: 1 },
      },
      { upsert: true, strict: false },
    );
  }
}
