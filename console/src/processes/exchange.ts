// Product exchange (SPEC 3.5, workflows/exchange.ts) and product return (SPEC 3.6, workflows/product-return.ts).
import type { Step } from './types';

export const exchangeSteps: Step[] = [
  { id: 'unit', label: { 'zh-CN': '收到退回产品', en: 'Unit received' }, statuses: ['open', 'awaiting_unit'] },
  { id: 'inspection', label: { 'zh-CN': '质检', en: 'QC inspection' }, statuses: ['awaiting_inspection'] },
  { id: 'charge', label: { 'zh-CN': '协商费用', en: 'Charge negotiated' }, statuses: ['negotiating_charge'], optional: true },
  { id: 'replacement', label: { 'zh-CN': '更换产品出库', en: 'Replacement' }, statuses: ['awaiting_replacement'] },
  { id: 'shipped', label: { 'zh-CN': '发运', en: 'Shipped' }, statuses: ['shipped'] },
  { id: 'closed', label: { 'zh-CN': '结案', en: 'Closed' }, statuses: ['closed'] },
];

export const productReturnSteps: Step[] = [
  { id: 'unit', label: { 'zh-CN': '收到退回产品', en: 'Unit received' }, statuses: ['open', 'awaiting_unit'] },
  { id: 'inspection', label: { 'zh-CN': '质检', en: 'QC inspection' }, statuses: ['awaiting_inspection'] },
  { id: 'charge', label: { 'zh-CN': '协商费用', en: 'Charge negotiated' }, statuses: ['negotiating_charge'], optional: true },
  { id: 'closed', label: { 'zh-CN': '入库结案', en: 'Stocked in, closed' }, statuses: ['closed'] },
];
