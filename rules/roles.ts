// Roles of SPEC section 1 and who a missed deadline escalates to ("the next level").
export const ROLES = [
  'agent',
  'technician',
  'supervisor',
  'director',
  'sales_manager',
  'salesperson',
  'general_manager',
  'qc',
  'warehouse',
  'logistics',
  'finance',
  'purchasing_manager',
  'production',
  'admin',
] as const;
export type Role = (typeof ROLES)[number];

const NEXT_LEVEL: Record<Role, Role> = {
  agent: 'supervisor',
  technician: 'supervisor',
  qc: 'supervisor',
  warehouse: 'supervisor',
  logistics: 'supervisor',
  finance: 'supervisor',
  production: 'supervisor',
  supervisor: 'director',
  salesperson: 'sales_manager',
  sales_manager: 'general_manager',
  purchasing_manager: 'general_manager',
  director: 'general_manager',
  general_manager: 'general_manager',
  // Administers people and tokens; no process task is ever for it, so it escalates nowhere.
  admin: 'admin',
};

/** The role a task escalates to after `level` escalations (level 1 = first escalation). */
export function escalationRole(role: Role, level: number): Role {
  let r = role;
  for (let i = 0; i < level; i++) r = NEXT_LEVEL[r];
  return r;
}

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

/** How roles are named to people (the handbook's names in Chinese). */
export const ROLE_LABELS: Record<Role, { 'zh-CN': string; en: string }> = {
  agent: { 'zh-CN': '售后客服', en: 'after-sales agent' },
  technician: { 'zh-CN': '技术员', en: 'technician' },
  supervisor: { 'zh-CN': '售后主管', en: 'after-sales supervisor' },
  director: { 'zh-CN': '办公室主任', en: 'office director' },
  sales_manager: { 'zh-CN': '业务经理', en: 'sales manager' },
  salesperson: { 'zh-CN': '销售人员', en: 'salesperson' },
  general_manager: { 'zh-CN': '总经理', en: 'general manager' },
  qc: { 'zh-CN': '质检部', en: 'QC' },
  warehouse: { 'zh-CN': '库房', en: 'warehouse' },
  logistics: { 'zh-CN': '物流', en: 'logistics' },
  finance: { 'zh-CN': '财务', en: 'finance' },
  purchasing_manager: { 'zh-CN': '采购部经理', en: 'purchasing manager' },
  production: { 'zh-CN': '生产部', en: 'production' },
  admin: { 'zh-CN': '系统管理员', en: 'administrator' },
};
