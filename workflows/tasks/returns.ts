// Task kinds of the sales-return process (SPEC 3.7, handbook part 4).
import { z } from 'zod';
import { text, type TaskKindSpec } from './common';

const note = z.string().trim().max(2000).optional();
const yuan = (what: string) => z.number({ invalid_type_error: `${what} must be a number (yuan)` }).nonnegative(`${what} must not be negative`).max(100_000_000);

export const RETURN_TASKS = {
  upload_return_photos: {
    title: { 'zh-CN': '上传退货图片', en: 'Upload photos of the returned goods' },
    outcomes: {
      uploaded: z.object({ photos: z.array(text(500)).min(1, 'at least one photo reference').max(50), note }).strict(),
      withdrawn: z.object({ reason: text(2000) }).strict(),
    },
  },
  large_item_decision: {
    title: { 'zh-CN': '大件退货处理意见（24小时内）', en: 'Decide on a large-item return (within 24 hours)' },
    outcomes: {
      return: z.object({ note }).strict(),
      credit: z.object({ amount: yuan('amount'), note }).strict(),
      price_adjustment: z.object({ amount: yuan('amount'), note }).strict(),
      rejected: z.object({ reason: text(2000) }).strict(),
    },
  },
  purchasing_manager_signoff: {
    title: { 'zh-CN': '采购部经理签字（不可退货品类）', en: 'Purchasing manager sign-off (non-returnable category)' },
    outcomes: {
      signed: z.object({ note }).strict(),
      declined: z.object({ reason: text(2000) }).strict(),
    },
  },
  sales_manager_approval: {
    title: { 'zh-CN': '审批退货协商结果', en: 'Approve the negotiated outcome of a return' },
    outcomes: {
      approved: z.object({ outcome: text(2000) }).strict(),
      rejected: z.object({ reason: text(2000) }).strict(),
    },
  },
  receive_goods: {
    title: { 'zh-CN': '大仓库接收退货', en: 'Receive returned goods at the main warehouse' },
    outcomes: {
      received: z.object({ quantity: z.number().int('quantity must be a whole number').positive('quantity must be at least 1'), note }).strict(),
    },
  },
  settle_with_salesperson: {
    title: { 'zh-CN': '与销售人员结算退货（5天内）', en: 'Settle the return with the salesperson (within 5 days)' },
    outcomes: {
      settled: z.object({ freightAmount: yuan('freightAmount'), creditAmount: yuan('creditAmount').optional(), note }).strict(),
      needs_salesperson: z.object({ question: text(2000) }).strict(),
    },
  },
  salesperson_settlement_input: {
    title: { 'zh-CN': '销售人员配合退货结算', en: 'Salesperson input for a return settlement' },
    outcomes: {
      answered: z.object({ answer: text(2000) }).strict(),
    },
  },
} as const satisfies Record<string, TaskKindSpec>;
