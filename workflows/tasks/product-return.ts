// Task kinds of the product return at the end of a relationship (SPEC 3.6, handbook part 3 section 7).
import { lazyKinds } from './common';
import { chargeOutcomes, inspectionReport, received } from './exchange';

export const PRODUCT_RETURN_TASKS = lazyKinds({
  product_return_receipt: () => ({
    title: { 'zh-CN': '接收返回产品并登记', en: 'Receive and record the returned unit' },
    outcomes: { received: received() },
  }),
  product_return_inspection: () => ({
    title: { 'zh-CN': '返回产品检验（出具检验报告单）', en: 'Inspect the returned unit (inspection report)' },
    outcomes: { report: inspectionReport() },
  }),
  product_return_charge: () => ({
    title: { 'zh-CN': '与客户协商费用', en: 'Negotiate the charge with the customer' },
    outcomes: chargeOutcomes(),
  }),
});
