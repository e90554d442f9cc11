// Request schemas of api/routes/people.ts: the route validates with them and the OpenAPI document is built from them.
import { z } from 'zod';
import { ROLES } from '../../rules/roles';
import { dateTime, email, RULE, text } from '../fields';

export const PersonId = text().regex(/^[a-z0-9][a-z0-9_.-]{1,63}$/, 'id: 2-64 characters a-z, 0-9, _ . - (starting with a letter or digit)');

export const Name = text().trim().min(1, 'name must not be empty').max(100);

export const RoleList = z
  .array(z.enum(ROLES, { error: `unknown role; allowed: ${ROLES.join(', ')}` }))
  .min(1, 'at least one role')
  .max(ROLES.length)
  .refine((r) => new Set(r).size === r.length, 'roles must not repeat');

export const Phone = text().regex(/^\+[1-9]\d{6,14}$/, 'phone must be E.164, e.g. +8613800138000');

export const Email = email('email must be an e-mail address');

export const Locale = z.enum(['zh-CN', 'en'], { error: 'locale is zh-CN or en' });

export const NewPerson = z
  .object({
    id: PersonId,
    name: Name,
    roles: RoleList,
    phone: Phone.optional(),
    email: Email.optional(),
    locale: Locale.default('zh-CN'),
    active: z.boolean().default(true),
    inOffice: z.boolean().default(false),
  })
  .strict();

export const PersonChange = z
  .object({
    name: Name.optional(),
    roles: RoleList.optional(),
    phone: Phone.nullable().optional(),
    email: Email.nullable().optional(),
    locale: Locale.optional(),
    active: z.boolean().optional(),
    inOffice: z.boolean().optional(),
  })
  .strict()
  .refine((b) => Object.values(b).some((v) => v !== undefined), 'give at least one field to change')
  // Stated in the document too, so that an empty change is malformed there as well.
  .meta({ minProperties: 1 });

export const TokenRequest = z.object({ label: text().trim().min(1).max(100).optional() }).strict();

export const MAX_ABSENCE_DAYS = 366;

export const DAY = 86_400_000;

export const instant = (what: string) => dateTime(what);

export const AbsenceInput = z
  .object({ from: instant('from'), until: instant('until'), reason: text().trim().min(1, 'reason must not be empty').max(500) })
  .strict()
  .superRefine((a, ctx) => {
    const span = Date.parse(a.until) - Date.parse(a.from);
    if (span <= 0) ctx.addIssue({ code: 'custom', path: ['until'], message: 'until must be after from', params: RULE });
    else if (span > MAX_ABSENCE_DAYS * DAY) ctx.addIssue({ code: 'custom', path: ['until'], message: `an absence lasts at most ${MAX_ABSENCE_DAYS} days`, params: RULE });
  });

export const AbsenceList = z.object({ absences: z.array(AbsenceInput).max(50) }).strict();
