// Development users, seeded only outside production so the embedded default and the tests have people to act.
// Their tokens are development credentials, printed at start; production tokens come from API_TOKENS or the DB.
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

export const devToken = (userId: string): string => `dev-${userId}`;

/** Upserts the development users (idempotent). */
export async function seedDevUsers(m: Models): Promise<void> {
  for (const u of DEV_USERS) {
    await m.User.updateOne(
      { _id: u.id },
      {
        $set: { name: u.name, roles: u.roles, phone: u.phone, email: u.email, inOffice: u.inOffice ?? false, locale: 'zh-CN', active: true, ...(u.base ? { base: u.base } : {}) },
        // Tokens issued later through the API stay; plain tokens of a database seeded before hashing go.
        $addToSet: { tokenHashes: hashToken(devToken(u.id)) },
        $unset: { tokens: 1 },
      },
      { upsert: true, strict: false },
    );
  }
}
