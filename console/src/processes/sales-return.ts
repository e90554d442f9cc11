// Sales return (SPEC 3.7, 4, 5; workflows/sales-return.ts).
import type { Step } from './types';

export const salesReturnSteps: Step[] = [
  { id: 'evaluated', label: { 'zh-CN': '退货评估', en: 'Evaluated' }, statuses: ['open'] },
  { id: 'photos', label: { 'zh-CN': '补充照片', en: 'Photos' }, statuses: ['awaiting_photos'], optional: true },
  { id: 'sales_manager', label: { 'zh-CN': '销售经理审核', en: 'Sales manager' }, statuses: ['awaiting_sales_manager', 'awaiting_manager_decision'], optional: true },
  { id: 'purchasing', label: { 'zh-CN': '采购经理签字', en: 'Purchasing sign-off' }, statuses: ['awaiting_purchasing_signoff'], optional: true },
  // Not signed by purchasing: the salesperson says whether the goods go back to the customer or they bear them.
  { id: 'disposition', label: { 'zh-CN': '退回客户或销售人员承担', en: 'Back to the customer, or the salesperson bears it' }, statuses: ['awaiting_disposition'], optional: true },
  { id: 'sent_back', label: { 'zh-CN': '寄回客户', en: 'Sent back to the customer' }, statuses: ['sending_back'], optional: true },
  // Resolutions without a return: a warranty repair, missing items shipped, parts for a large item.
  { id: 'warranty_repair', label: { 'zh-CN': '登记保修维修', en: 'Warranty repair arranged' }, statuses: ['arranging_warranty_repair'], optional: true },
  { id: 'factory', label: { 'zh-CN': '返厂维修', en: 'Factory repair' }, statuses: ['device_at_factory'], optional: true },
  { id: 'missing_items', label: { 'zh-CN': '安排补发缺件', en: 'Missing items arranged' }, statuses: ['arranging_missing_items'], optional: true },
  { id: 'missing_items_shipping', label: { 'zh-CN': '缺件发运', en: 'Missing items shipping' }, statuses: ['missing_items_shipping'], optional: true },
  { id: 'parts', label: { 'zh-CN': '寄配件', en: 'Parts sent' }, statuses: ['sending_parts'], optional: true },
  { id: 'parts_receipt', label: { 'zh-CN': '确认客户收到配件', en: 'Parts received' }, statuses: ['parts_in_transit'], optional: true },
  { id: 'goods', label: { 'zh-CN': '等待退货到仓', en: 'Awaiting the goods' }, statuses: ['awaiting_goods'], optional: true },
  { id: 'charging', label: { 'zh-CN': '记入销售人员账', en: 'Charged to the salesperson' }, statuses: ['charging_salesperson'], optional: true },
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
