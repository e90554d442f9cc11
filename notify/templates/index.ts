// Notification texts, Simplified Chinese by default and English. Pure: (template, locale, params) -> text.
// Each process keeps its templates in a file of its own here; this index joins them.
import type { Locale } from '../../workflows/definitions';
import { COORDINATION_TEMPLATES } from './coordination';
import { INQUIRY_TEMPLATES } from './inquiry';
import { RETURN_TEMPLATES } from './returns';
import { TASK_TEMPLATES } from './tasks';
import { SERVICE_CASE_TEMPLATES } from './service-case';
import { FACTORY_REPAIR_TEMPLATES } from './factory-repair';
import { PEOPLE_TEMPLATES } from './people';
import { SHIPMENT_TEMPLATES } from './shipment';
import { INSTALLATION_TEMPLATES } from './installation';
import { EXCHANGE_TEMPLATES } from './exchange';
import { COMPLAINT_TEMPLATES } from './complaint';
import type { Template, TemplateParams, Rendered } from './common';

export { localTime } from './common';
export type { Rendered } from './common';

const TEMPLATES: Record<string, Template> = {
  ...TASK_TEMPLATES,
  ...INQUIRY_TEMPLATES,
  ...COORDINATION_TEMPLATES,
  ...RETURN_TEMPLATES,
  ...SERVICE_CASE_TEMPLATES,
  ...FACTORY_REPAIR_TEMPLATES,
  ...PEOPLE_TEMPLATES,
  ...SHIPMENT_TEMPLATES,
  ...INSTALLATION_TEMPLATES,
  ...EXCHANGE_TEMPLATES,
  ...COMPLAINT_TEMPLATES,
};

export function hasTemplate(name: string): boolean {
  return name in TEMPLATES;
}

export function render(template: string, locale: Locale, params: TemplateParams): Rendered {
  const t = TEMPLATES[template];
  if (!t) throw new Error(`unknown notification template ${template}`);
  return t[locale](params);
}
