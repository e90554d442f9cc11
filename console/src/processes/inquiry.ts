// Inquiry (SPEC 3.8, workflows/inquiry.ts): market questions to the sales manager, technical ones to the agent.
import type { Step } from './types';

export const inquirySteps: Step[] = [
  { id: 'received', label: { 'zh-CN': '受理咨询', en: 'Question received' }, statuses: ['open'] },
  { id: 'sales_manager', label: { 'zh-CN': '销售经理答复', en: 'Sales manager answers' }, statuses: ['forwarded_to_sales_manager'], optional: true },
  { id: 'agent', label: { 'zh-CN': '客服答复', en: 'Agent answers' }, statuses: ['awaiting_agent_answer'], optional: true },
  { id: 'technician', label: { 'zh-CN': '售后人员答复', en: 'Technician answers' }, statuses: ['escalated_to_technician'], optional: true },
  { id: 'closed', label: { 'zh-CN': '已答复结案', en: 'Answered' }, statuses: ['closed'] },
];
