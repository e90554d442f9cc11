// All activities, built from their dependencies so the worker and the tests wire real ones the same way.
import type { Models } from '../db/models';
import type { Locale } from '../workflows/definitions';
import { calendarActivities } from './calendar';
import { notificationActivities, type Mailer, type SmsSender } from './notifications';
import { persistenceActivities } from './persistence';

export interface ActivityDeps {
  models: Models;
  mailer: Mailer;
  sms: SmsSender;
  defaultLocale: Locale;
}

export function createActivities(deps: ActivityDeps) {
  return {
    ...persistenceActivities(deps.models),
    ...calendarActivities(deps.models),
    ...notificationActivities(deps.models, deps.mailer, deps.sms, deps.defaultLocale),
  };
}
