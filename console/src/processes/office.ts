// The short processes: a complaint about staff (handbook part 5 rule 6) and a coordination form (SPEC 3.9).
import type { Step } from './types';

export const complaintSteps: Step[] = [
  { id: 'recorded', label: { 'zh-CN': '登记投诉', en: 'Complaint recorded' }, statuses: ['open'] },
  { id: 'investigation', label: { 'zh-CN': '主管调查', en: 'Investigation' }, statuses: ['under_investigation'] },
  { id: 'closed', label: { 'zh-CN': '结案', en: 'Closed' }, statuses: ['closed'] },
];

export const coordinationSteps: Step[] = [
  { id: 'raised', label: { 'zh-CN': '提交协调单', en: 'Form raised' }, statuses: ['open'] },
  { id: 'production', label: { 'zh-CN': '生产处理', en: 'With production' }, statuses: ['with_production'] },
  { id: 'closed', label: { 'zh-CN': '结案', en: 'Closed' }, statuses: ['closed'] },
];
