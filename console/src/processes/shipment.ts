// Shipment (SPEC 3.2, workflows/shipment.ts).
import type { Step } from './types';

export const shipmentSteps: Step[] = [
  { id: 'payment', label: { 'zh-CN': '确认收款', en: 'Payment' }, statuses: ['open', 'awaiting_payment'] },
  { id: 'delivery_note', label: { 'zh-CN': '开具发货单', en: 'Delivery note' }, statuses: ['awaiting_delivery_note'] },
  { id: 'units', label: { 'zh-CN': '登记串号', en: 'Units recorded' }, statuses: ['recording_units'] },
  { id: 'shipped', label: { 'zh-CN': '发运与到货', en: 'Dispatch and arrival' }, statuses: ['shipped'] },
  { id: 'closed', label: { 'zh-CN': '客户签收', en: 'Received' }, statuses: ['closed'] },
];
