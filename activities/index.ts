// All activities, built from their dependencies so the worker and the tests wire real ones the same way.
import type { Models } from '../db/models';
import type { Locale } from '../workflows/definitions';
import { calendarActivities } from './calendar';
import { notificationActivities, type Mailer, type SmsSender } from './notifications';
import { persistenceActivities } from './persistence';
import { returnActivities } from './returns';
import { stockActivities } from './stock';
import { knowledgeActivities } from './knowledge';
import { serviceRecordActivities } from './service-records';
import { recommendationActivities } from './recommendations';
import { serviceCaseActivities } from './service-cases';
import { unitActivities } from './units';
import { receiptLinkActivities } from './receipt-links';
import { productStockActivities } from './product-stock';
import { complaintActivities } from './complaints';

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
    ...returnActivities(deps.models),
    ...stockActivities(deps.models),
    ...knowledgeActivities(deps.models),
    ...serviceRecordActivities(deps.models),
    ...recommendationActivities(deps.models),
    ...serviceCaseActivities(deps.models),
    ...unitActivities(deps.models),
    ...receiptLinkActivities(deps.models),
    ...productStockActivities(deps.models),
    ...complaintActivities(deps.models),
  };
}
