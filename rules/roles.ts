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
