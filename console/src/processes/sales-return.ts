// Sales return (SPEC 3.7, 4, 5; workflows/sales-return.ts).
import type { Step } from './types';

export const salesReturnSteps: Step[] = [
  { id: 'evaluated', label: { 'zh-CN': '退货评估', en: 'Evaluated' }, statuses: ['open'] },
  { id: 'photos', label: { 'zh-CN': '补充照片', en: 'Photos' }, statuses: ['awaiting_photos'], optional: true },
  { id: 'sales_manager', label: { 'zh-CN': '销售经理审核', en: 'Sales manager' }, statuses: ['awaiting_sales_manager', 'awaiting_manager_decision'], optional: true },
  { id: 'purchasing', label: { 'zh-CN': '采购经理签字', en: 'Purchasing sign-off' }, statuses: ['awaiting_purchasing_signoff'], optional: true },
  { id: 'goods', label: { 'zh-CN': '等待退货到仓', en: 'Awaiting the goods' }, statuses: ['awaiting_goods'], optional: true },
  { id: 'settling', label: { 'zh-CN': '结算', en: 'Settlement' }, statuses: ['settling', 'waiting_for_salesperson', 'adjusting_order', 'supplying_missing_items', 'naming_warehouse_responsible'] },
  {
    id: 'freight',
    label: { 'zh-CN': '运费单据', en: 'Freight note' },
    statuses: ['freight_note_with_warehouse', 'freight_note_with_sales_manager', 'freight_note_with_salesperson', 'freight_with_finance'],
    optional: true,
  },
  { id: 'refused', label: { 'zh-CN': '拒绝退货', en: 'Refused' }, statuses: ['refused'], optional: true },
  { id: 'closed', label: { 'zh-CN': '结案', en: 'Closed' }, statuses: ['closed'] },
];
