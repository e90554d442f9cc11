// Service case (SPEC 3.1, workflows/service-case.ts).
import type { Step } from './types';

export const serviceSteps: Step[] = [
  { id: 'received', label: { 'zh-CN': '受理来电', en: 'Call received' }, statuses: ['open', 'received'] },
  { id: 'allocation', label: { 'zh-CN': '分配售后人员', en: 'Allocation' }, statuses: ['awaiting_allocation'], optional: true },
  // The allocated technician phones the customer first; an in-office technician's call may come before allocation.
  { id: 'diagnosis', label: { 'zh-CN': '电话诊断', en: 'Phone diagnosis' }, statuses: ['phone_diagnosis', 'awaiting_technician_response'] },
  { id: 'manufacturer', label: { 'zh-CN': '厂家协助', en: "Manufacturer's help" }, statuses: ['awaiting_manufacturer'], optional: true },
  {
    id: 'preparation',
    label: { 'zh-CN': '上门准备（保修、费用、出差、配件）', en: 'Visit preparation (warranty, fee, trip, parts)' },
    statuses: ['awaiting_warranty_confirmation', 'awaiting_fee_acceptance', 'awaiting_support_request', 'awaiting_travel_approval', 'checking_out_parts'],
    optional: true,
  },
  { id: 'onsite', label: { 'zh-CN': '上门服务', en: 'On-site visit' }, statuses: ['onsite_visit', 'awaiting_company_support'], optional: true },
  { id: 'completion', label: { 'zh-CN': '完工登记', en: 'Completion' }, statuses: ['awaiting_completion'], optional: true },
  // A device taken back is repaired after completion is registered (cases since patched('device-repair-leg'); before,
  // the factory repair came first); after a phone diagnosis it follows the call directly. In-house, or by the manufacturer:
  { id: 'factory', label: { 'zh-CN': '返厂维修', en: 'Factory repair' }, statuses: ['device_at_factory'], optional: true },
  { id: 'manufacturer_dispatch', label: { 'zh-CN': '寄厂家检修', en: 'Sent to the manufacturer' }, statuses: ['awaiting_manufacturer_dispatch'], optional: true },
  { id: 'at_manufacturer', label: { 'zh-CN': '厂家检修', en: 'Repair at the manufacturer' }, statuses: ['at_manufacturer'], optional: true },
  { id: 'manufacturer_receipt', label: { 'zh-CN': '接收厂家寄回设备', en: 'Device back from the manufacturer' }, statuses: ['awaiting_device_from_manufacturer'], optional: true },
  { id: 'device_return', label: { 'zh-CN': '设备寄回客户', en: 'Device returned to the customer' }, statuses: ['awaiting_return_to_customer'], optional: true },
  { id: 'callback', label: { 'zh-CN': '客户回访', en: 'Callback visit' }, statuses: ['service_closed', 'awaiting_callback', 'low_score_followup'] },
  { id: 'closed', label: { 'zh-CN': '结案', en: 'Closed' }, statuses: ['closed'] },
];
