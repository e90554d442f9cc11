// Installation (SPEC 3.3, workflows/installation.ts).
import type { Step } from './types';

export const installationSteps: Step[] = [
  { id: 'scheduling', label: { 'zh-CN': '约定安装日期', en: 'Date agreed' }, statuses: ['open', 'scheduling'] },
  { id: 'support_request', label: { 'zh-CN': '市场支持申请', en: 'Market-support request' }, statuses: ['awaiting_support_request'] },
  { id: 'approval', label: { 'zh-CN': '总经理审批', en: 'Approval' }, statuses: ['awaiting_approval'] },
  { id: 'assignment', label: { 'zh-CN': '指派售后人员', en: 'Technician assigned' }, statuses: ['awaiting_assignment'] },
  { id: 'trip', label: { 'zh-CN': '出差安装', en: 'On the trip' }, statuses: ['on_trip'] },
  { id: 'feedback', label: { 'zh-CN': '反馈表归档', en: 'Feedback form' }, statuses: ['awaiting_feedback'] },
  { id: 'closed', label: { 'zh-CN': '结案', en: 'Closed' }, statuses: ['closed'] },
];
