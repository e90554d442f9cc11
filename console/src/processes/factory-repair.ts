// Factory repair (SPEC 3.4, workflows/factory-repair.ts).
import type { Step } from './types';

export const factoryRepairSteps: Step[] = [
  { id: 'awaiting_device', label: { 'zh-CN': '等待设备', en: 'Awaiting the device' }, statuses: ['open', 'awaiting_device'] },
  { id: 'inspection', label: { 'zh-CN': '质检', en: 'QC inspection' }, statuses: ['received', 'awaiting_inspection'] },
  { id: 'production', label: { 'zh-CN': '生产协助', en: "Production's help" }, statuses: ['with_production'], optional: true },
  { id: 'quote', label: { 'zh-CN': '报价确认', en: 'Quote' }, statuses: ['awaiting_quote_answer'], optional: true },
  { id: 'repair', label: { 'zh-CN': '维修', en: 'Repair' }, statuses: ['repairing'] },
  { id: 'ship_back', label: { 'zh-CN': '寄回客户', en: 'Shipped back' }, statuses: ['awaiting_shipment', 'shipped'] },
  { id: 'closed', label: { 'zh-CN': '结案', en: 'Closed' }, statuses: ['closed'] },
];
