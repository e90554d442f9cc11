// All activities, built from their dependencies so the worker and the tests wire real ones the same way.
import { config } from '../config';
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
import { reportActivities } from './reports';
import { returnsPolicy } from '../config/returns-policy';
import type { ReportMailer } from '../reports/mail';
import { reportSettings, type ReportSettings } from '../reports/settings';
import type { ReturnsPolicy } from '../rules/returns';
import { complaintActivities } from './complaints';

export interface ActivityDeps {
  models: Models;
  /** The SMTP mailer (notify/email.ts): notifications use its plain-text part, reports its HTML and attachments. */
  mailer: Mailer & ReportMailer;
  sms: SmsSender;
  defaultLocale: Locale;
  /** Default: NOTIFY_RETRY_HORIZON_MINUTES. */
  notifyRetryHorizonMs?: number;
  /** Report recipients, times and language; the process configuration when not given. */
  reports?: { settings: ReportSettings; policy: ReturnsPolicy };
}

export function createActivities(deps: ActivityDeps) {
  return {
    ...persistenceActivities(deps.models),
    ...calendarActivities(deps.models),
    ...notificationActivities(deps.models, deps.mailer, deps.sms, deps.defaultLocale, { retryHorizonMs: deps.notifyRetryHorizonMs ?? config().NOTIFY_RETRY_HORIZON_MINUTES * 60_000 }),
    ...returnActivities(deps.models),
    ...stockActivities(deps.models),
    ...knowledgeActivities(deps.models),
    ...serviceRecordActivities(deps.models),
    ...recommendationActivities(deps.models),
    ...serviceCaseActivities(deps.models),
    ...unitActivities(deps.models),
    ...receiptLinkActivities(deps.models),
    ...productStockActivities(deps.models),
    ...reportActivities(deps.models, deps.mailer, deps.reports?.settings ?? reportSettings(config()), deps.reports?.policy ?? returnsPolicy(config())),
    ...complaintActivities(deps.models),
  };
}
