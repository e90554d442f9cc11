// What the API's routes need, passed in so tests wire real servers the same way as main.ts.
import { randomBytes } from 'node:crypto';
import type { Client } from '@temporalio/client';
import type { Connection } from 'mongoose';
import type { Logger } from 'pino';
import type { Config } from '../config';
import type { Models } from '../db/models';
import type { TaskPolicy } from '../workflows/definitions';
import { dateTimeFormat } from '../rules/date-formats';

export interface ApiDeps {
  cfg: Config;
  db: Connection;
  models: Models;
  temporal: Client;
  log: Logger;
}

export function taskPolicy(cfg: Config): TaskPolicy {
  return {
    reminderLeadMs: cfg.TASK_REMINDER_LEAD_MINUTES * 60_000,
    reescalateMs: cfg.TASK_REESCALATE_HOURS * 3_600_000,
    maxEscalations: cfg.TASK_ESCALATION_MAX_LEVEL,
  };
}

/** Case numbers people can read out on the phone: PREFIX-YYYYMMDD-XXXXXX (local date, random suffix). */
export function newCaseId(prefix: string, at: Date, timeZone: string): string {
  const day = dateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at).replace(/-/g, '');
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  const bytes = randomBytes(6);
  const suffix = Array.from(bytes, (b) => alphabet[b % alphabet.length]).join('');
  return `${prefix}-${day}-${suffix}`;
}
