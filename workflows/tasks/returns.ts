// Task kinds of the sales-return process (SPEC 3.7, handbook part 4). Amounts are bounded here; that an amount
// is within the invoice and a quantity within the return is checked by the workflow (TaskSpec.validate).
import { z } from 'zod';
import { text, lazyKinds } from './common';

const MAX_YUAN = 100_000_000;
const MAX_UNITS = 100_000;
const note = (what: string) => z.string().trim().max(2000).optional().describe(what);
const yuan = (what: string) =>
  z
    .number({ error: (iss) => (iss.input === undefined ? `${what} is required (yuan)` : `${what} must be a number (yuan)`) })
    .nonnegative(`${what} must not be negative`)
    .max(MAX_YUAN, `${what}: at most ${MAX_YUAN} yuan`)
    .multipleOf(0.01, `${what}: at most two decimals (fen)`);

export const RETURN_TASKS = lazyKinds({
  // The freight settlement chain of part 4 (退货运费结算方式 2): warehouse -> sales department manager -> the
  // salesperson signs with responsibility -> finance posts to the customer's account.
  // Accepted returns that bring nothing back still have work to do before the case closes.
  adjust_order: () => ({
    title: { 'zh-CN': '与客户确认型号及价格并调整库存', en: 'Confirm model and price with the customer and adjust the stock' },
    outcomes: {
      adjusted: z
        .object({
          model: text(200).describe('The model the customer keeps, as confirmed with them'),
          priceYuan: yuan('priceYuan').describe('The price confirmed with the customer, in yuan'),
          stockAdjusted: z.literal(true, { error: 'the stock must have been adjusted: stockAdjusted must be true' }).describe('The warehouse stock was adjusted (must be true)'),
          note: note('Recorded on the case'),
        })
        .strict(),
    },
  }),
  // Missing items within the window (允许退货 3, 4): units with serial numbers go out as a shipment of their own
  // (SPEC 3.2, with nothing to pay); pieces without serials (a cup, a lid) as a parcel from the warehouse.
  arrange_missing_items: () => ({
    title: { 'zh-CN': '安排补发所缺货物', en: 'Arrange the missing items' },
    outcomes: {
      shipment: z
        .object({
          items: z
            .array(
              z
                .object({
                  model: text(100).describe('Model of the missing units'),
                  quantity: z.number().int('quantity must be a whole number').positive('quantity must be at least 1').max(MAX_UNITS, `quantity: at most ${MAX_UNITS}`).describe('Units missing'),
                })
                .strict(),
            )
            .min(1, 'list at least one missing item')
            .max(50, 'at most 50 lines')
            .describe('The missing units; a shipment case (SHP-<this case>) ships them with nothing to pay'),
          address: text(500).describe('Delivery address'),
          customerName: z.string().trim().min(1).max(100).optional().describe('Required when the return has no customer'),
          customerPhone: z.string().trim().regex(/^\+?[0-9][0-9 -]{5,19}$/, 'customerPhone must be a phone number such as +8613800138000').optional().describe('Required when the return\'s customer has no phone: the receipt link goes by SMS'),
        })
        .strict(),
      parcel: z.object({ note: note('Pieces without serial numbers: the warehouse sends them as a parcel') }).strict(),
    },
  }),
  supply_missing_items: () => ({
    title: { 'zh-CN': '补发所缺货物', en: 'Ship the missing items' },
    outcomes: {
      shipped: z
        .object({
          items: text(2000).describe('What was shipped'),
          waybill: text(64).describe('The waybill of the shipment; sent to the salesperson'),
          carrier: z.string().trim().max(100).optional().describe('The carrier'),
        })
        .strict(),
    },
  }),
  // A warranty repair accepted instead of a return (不予退货 4: phones and electrical appliances): the agent records
  // the unit, and a factory repair case (返厂维修) is opened for it.
  arrange_warranty_repair: () => ({
    title: { 'zh-CN': '登记保修维修的产品并安排返厂维修', en: 'Record the unit for the warranty repair and send it for factory repair' },
    outcomes: {
      factory_repair: z
        .object({
          serialNumber: text(64).describe('The unit\'s serial number (串号); the factory repair case is opened for it'),
          model: z.string().trim().min(1).max(200).optional().describe('The model; default: the returned product\'s name or sku'),
          fault: text(2000).describe('The fault as the customer describes it; handed to QC'),
          customerName: z.string().trim().min(1).max(100).optional().describe('Required when the return has no customer: who gets the device back'),
          customerPhone: z.string().trim().min(5).max(32).optional().describe('Where the customer is told of the repair (SMS)'),
        })
        .strict(),
    },
  }),
  // 大件产品不予退货(如果产品需要补配件,则按照公司时间规定予以配件补配): the manager decided on parts; after-sales, which runs
  // the parts store (第三条职责 3), sends them and follows up until the customer has them.
  send_large_item_parts: () => ({
    title: { 'zh-CN': '大件产品寄配件', en: 'Send the parts for a large item' },
    outcomes: {
      shipped: z
        .object({
          parts: text(2000).describe('The parts sent'),
          waybill: text(64).describe('The waybill; sent to the salesperson'),
          carrier: z.string().trim().max(100).optional().describe('The carrier'),
        })
        .strict(),
    },
  }),
  confirm_large_item_parts: () => ({
    title: { 'zh-CN': '跟进配件补配：确认客户已收到配件', en: 'Follow up the parts: confirm the customer has them' },
    outcomes: {
      received: z.object({ note: note('How the customer confirmed; the return closes as parts sent') }).strict(),
      not_received: z.object({ reason: text(2000).describe('What went wrong; the parts are sent again') }).strict(),
    },
  }),
  // 采购部经理不签字的,要么退回给客户,要么销售人员承担: the salesperson says which.
  unsigned_return_disposition: () => ({
    title: { 'zh-CN': '采购部经理未签字：退回客户或由销售人员承担', en: 'Not signed by the purchasing manager: back to the customer, or the salesperson bears the goods' },
    outcomes: {
      send_back: z.object({ note: note('Recorded; the warehouse sends the goods back to the customer, freight by the customer') }).strict(),
      salesperson_bears: z.object({ note: note('Recorded; the warehouse receives the goods and finance charges their value to the salesperson') }).strict(),
    },
  }),
  send_back_to_customer: () => ({
    title: { 'zh-CN': '将退回货物寄回客户（运费由客户承担）', en: 'Send the goods back to the customer (freight by the customer)' },
    outcomes: {
      shipped: z
        .object({
          waybill: text(64).describe('The waybill; sent to the salesperson'),
          carrier: z.string().trim().max(100).optional().describe('The carrier'),
          freightYuan: yuan('freightYuan').optional().describe('Freight in yuan, borne by the customer'),
        })
        .strict(),
    },
  }),
  charge_salesperson_for_goods: () => ({
    title: { 'zh-CN': '销售人员承担货物：记入销售人员账', en: 'The salesperson bears the goods: charge them to the salesperson' },
    outcomes: {
      charged: z
        .object({
          amountYuan: yuan('amountYuan').describe('The value charged to the salesperson, in yuan (at most the invoiced value)'),
          reference: text(200).describe('The posting\'s voucher or reference'),
          note: note('Recorded on the case'),
        })
        .strict(),
    },
  }),
  warehouse_fine_responsible: () => ({
    title: { 'zh-CN': '指定对出错负责的仓库员工', en: 'Name the warehouse employee responsible for the error' },
    outcomes: {
      named: z
        .object({
          employeeId: text(64).describe('The warehouse employee whose error caused the return (part 4 ch.3 art.2); the fine is proposed in their name. An unknown, inactive or non-warehouse person opens the task again'),
          note: note('Recorded on the case'),
        })
        .strict(),
    },
  }),
  freight_note_handover: () => ({
    title: { 'zh-CN': '将运费单据交销售部门经理', en: 'Hand the freight note to the sales department manager' },
    outcomes: {
      handed_over: z
        .object({
          receiverId: text(64).describe('The warehouse employee who received the goods and hands over the note'),
          note: note('Recorded on the case'),
        })
        .strict(),
    },
  }),
  freight_note_review: () => ({
    title: { 'zh-CN': '落实退货运费单据', en: 'Follow up the return freight note' },
    outcomes: { forwarded: z.object({ note: note('Recorded; the salesperson signs next') }).strict() },
  }),
  freight_note_sign: () => ({
    title: { 'zh-CN': '签字并注明运费责任', en: 'Sign the freight note stating responsibility' },
    outcomes: {
      signed: z.object({ responsibility: text(2000).describe('Who is responsible for the freight, as the salesperson signs it; finance posts it next') }).strict(),
    },
  }),
  freight_posting: () => ({
    title: { 'zh-CN': '运费记入客户往来帐', en: "Post the freight to the customer's account" },
    outcomes: {
      posted: z.object({ reference: text(200).describe("The posting's voucher or reference; only now is the freight on the customer's account"), note: note('Recorded on the case') }).strict(),
    },
  }),
  upload_return_photos: () => ({
    title: { 'zh-CN': '上传退货图片', en: 'Upload photos of the returned goods' },
    outcomes: {
      uploaded: z
        .object({
          photos: z.array(text(500)).min(1, 'at least one photo reference').max(50).describe('References of 1-50 photos; the return is evaluated again with them'),
          note: note('Internal note on the photos'),
        })
        .strict(),
      withdrawn: z.object({ reason: text(2000).describe('Why the customer withdrew; the case closes as withdrawn') }).strict(),
    },
  }),
  large_item_decision: () => ({
    title: { 'zh-CN': '大件退货处理意见（24小时内）', en: 'Decide on a large-item return (within 24 hours)' },
    outcomes: {
      return: z.object({ note: note('Reason; the goods come back and are settled as a return') }).strict(),
      credit: z
        .object({
          amount: yuan('amount').describe('Credit in yuan (0-100,000,000, at most the invoiced value); credited at settlement instead of the evaluated amount'),
          note: note('Reason for the credit; sent to the salesperson'),
        })
        .strict(),
      price_adjustment: z
        .object({
          amount: yuan('amount').describe('Price reduction in yuan (at most the invoiced value); the customer keeps the goods, settled with this amount'),
          note: note('Reason for the adjustment; sent to the salesperson'),
        })
        .strict(),
      rejected: z.object({ reason: text(2000).describe('Why; sent to the salesperson and the return closes as refused') }).strict(),
      send_parts: z.object({ parts: text(2000).describe('The parts to send (大件产品寄配件); the customer keeps the item and after-sales sends them'), note: note('Reason; sent to the salesperson') }).strict(),
    },
  }),
  purchasing_manager_signoff: () => ({
    title: { 'zh-CN': '采购部经理签字（不可退货品类）', en: 'Purchasing manager sign-off (non-returnable category)' },
    outcomes: {
      signed: z.object({ note: note('Recorded with the sign-off; the return goes ahead') }).strict(),
      declined: z.object({ reason: text(2000).describe('Why; sent to the salesperson and the return closes as refused') }).strict(),
    },
  }),
  sales_manager_approval: () => ({
    title: { 'zh-CN': '审批退货协商结果', en: 'Approve the negotiated outcome of a return' },
    outcomes: {
      approved: z.object({ outcome: text(2000).describe('The negotiated outcome approved; recorded and the refused return closes') }).strict(),
      rejected: z.object({ reason: text(2000).describe('Why the negotiated outcome is rejected; recorded and the refused return closes') }).strict(),
    },
  }),
  receive_goods: () => ({
    title: { 'zh-CN': '大仓库接收退货', en: 'Receive returned goods at the main warehouse' },
    outcomes: {
      received: z
        .object({
          quantity: z
            .number({ error: (iss) => (iss.input === undefined ? 'quantity is required' : 'quantity must be a number') })
            .int('quantity must be a whole number')
            .positive('quantity must be at least 1')
            .max(MAX_UNITS, `quantity: at most ${MAX_UNITS}`)
            .describe('Units received (1 to the units returned); recorded as stock-in and starts the 5-day settlement and 30-day overdue clocks'),
          note: note('Condition of the goods on arrival'),
        })
        .strict(),
    },
  }),
  settle_with_salesperson: () => ({
    title: { 'zh-CN': '与销售人员结算退货（5天内）', en: 'Settle the return with the salesperson (within 5 days)' },
    outcomes: {
      settled: z
        .object({
          freightAmount: yuan('freightAmount').describe('Freight in yuan; posted to the customer account when the customer pays freight'),
          creditAmount: yuan('creditAmount').optional().describe('Credit in yuan (at most the invoiced value); default: the manager\'s decision or the evaluated credit'),
          note: note('Recorded with the settlement and sent to the salesperson'),
        })
        .strict(),
      needs_salesperson: z.object({ question: text(2000).describe('Asked of the salesperson; settlement waits for the answer') }).strict(),
    },
  }),
  salesperson_settlement_input: () => ({
    title: { 'zh-CN': '销售人员配合退货结算', en: 'Salesperson input for a return settlement' },
    outcomes: {
      answered: z.object({ answer: text(2000).describe('The answer; recorded and settlement goes back to the agent') }).strict(),
    },
  }),
});
