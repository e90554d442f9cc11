// Service case (SPEC 3.1, workflows/service-case.ts).
import type { Step } from './types';

export const serviceSteps: Step[] = [
  { id: 'received', label: { 'zh-CN': '受理来电', en: 'Call received' }, statuses: ['open', 'received'] },
  { id: 'allocation', label: { 'zh-CN': '分配售后人员', en: 'Allocation' }, statuses: ['awaiting_allocation'], optional: true },
  // The allocated technician phones the customer first; an in-office technician's call may come before allocation.
  { id: 'diagnosis', label: { 'zh-CN': '电话诊断', en: 'Phone diagnosis' }, statuses: ['phone_diagnosis', 'awaiting_technician_response'] },
  { id: 'manufacturer', label: { 'zh-CN': '厂家协助', en: "Manufacturer's help" }, statuses: ['awaiting_manufacturer'], optional: true },
  { id: 'factory', label: { 'zh-CN': '返厂维修', en: 'Factory repair' }, statuses: ['device_at_factory'], optional: true },
  {
    id: 'preparation',
    label: { 'zh-CN': '上门准备（保修、费用、出差、配件）', en: 'Visit preparation (warranty, fee, trip, parts)' },
    statuses: ['awaiting_warranty_confirmation', 'awaiting_fee_acceptance', 'awaiting_support_request', 'awaiting_travel_approval', 'checking_out_parts'],
    optional: true,
  },
  { id: 'onsite', label: { 'zh-CN': '上门服务', en: 'On-site visit' }, statuses: ['onsite_visit', 'awaiting_company_support'], optional: true },
  { id: 'completion', label: { 'zh-CN': '完工登记', en: 'Completion' }, statuses: ['awaiting_completion'], optional: true },
  { id: 'callback', label: { 'zh-CN': '客户回访', en: 'Callback visit' }, statuses: ['service_closed', 'awaiting_callback', 'low_score_followup'] },
  { id: 'closed', label: { 'zh-CN': '结案', en: 'Closed' }, statuses: ['closed'] },
];
