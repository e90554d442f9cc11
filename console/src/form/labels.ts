// Chinese labels and hints of form fields, keyed by field name (the same name means the same thing across the
// API's schemas). English labels are the name in words; English hints are the schema's own description. A field
// without a Chinese hint shows the schema's description in Chinese mode too (better than nothing).
const ZH: Record<string, string> = {
  // people and contacts
  customer: '客户', name: '名称', phone: '电话', email: '电子邮件', locale: '通知语言', contact: '现场联系人',
  address: '地址', location: '位置（坐标）', lat: '纬度', lng: '经度', staffId: '被投诉员工（编号）',
  salesManagerId: '销售经理（编号）', salespersonId: '销售员（编号）', technicianId: '售后人员（编号）',
  employeeId: '责任员工（编号）', receiverId: '收货员工（编号）', receivedBy: '签收人', customerSignedBy: '客户签字人',
  signer: '签字人', by: '处理人',
  // products and units
  product: '产品', model: '型号', serialNumber: '序列号', serial: '串号', serials: '串号', category: '类别',
  productModel: '产品型号', replacementModel: '更换型号', replacementSerial: '更换产品串号', productionDate: '生产日期',
  returned: '退回产品', units: '设备', items: '物品', sku: '物料编号', qty: '数量', quantity: '数量',
  needsInstallation: '需要安装', accessories: '配件', condition: '到货状况',
  // service case
  warranty: '保修', purchasedAt: '购买日期', warrantyMonths: '保修期（月）', warrantyUntil: '保修截止日期', until: '保修截止',
  fault: '故障', summary: '概述', receivedAt: '收到时间',
  solution: '解决方法', cause: '原因', problem: '问题', prevention: '预防措施', proposal: '处理建议', note: '备注',
  reason: '原因', estimatedFeeYuan: '预估费用（元）', feeYuan: '费用（元）', businessTrip: '出差', destination: '目的地',
  expectedDays: '预计天数', estimatedCostYuan: '预计费用（元）', manufacturerCannotHelp: '厂家无法协助的原因',
  score: '满意度评分', comments: '客户意见', action: '处理措施', customerChecked: '客户已验收', signature: '客户签字',
  signedAt: '签字时间', imageBase64: '签字图像（base64）', unusedParts: '未使用配件', dataBackedUp: '已备份重要数据',
  plan: '计划方案', nextVisitAt: '下次上门时间', source: '支持来源', customerAuthorization: '客户授权', at: '时间',
  reference: '编号', evidence: '依据',
  // inquiries, complaints, coordination
  topic: '咨询类型', question: '问题', answer: '答复', description: '描述', relatedCaseId: '相关工单号', subject: '主题',
  request: '请求', dueAt: '截止时间', result: '处理结果', finding: '调查结论', decision: '处理决定', fineYuan: '罚款（元）',
  // factory repair, QC
  findings: '检验结论', chargeable: '需收费', quoteYuan: '报价（元）', productionHelp: '需要生产协助', repairSummary: '维修说明',
  performance: '性能', appearance: '外观', packaging: '包装', pass: '合格', passed: '合格', report: '报告',
  chargeYuan: '费用（元）',
  // sales returns
  flags: '产品属性', seasonal: '季节性商品', customMade: '定制商品', specialPrice: '特价商品', discontinued: '已停产',
  large: '大件商品', porcelain: '瓷器', tin: '锡器', electrical: '电器', protectiveFilm: '有保护膜',
  notCompanyProduct: '非本公司产品', stillSold: '仍在销售', unitCost: '单位成本（元）', invoiceValue: '发票金额（元）',
  utilityWindowMonths: '实用品退货期限（月）', sampleProgramme: '样品计划', set: '套装', size: '件数', damagedPieces: '损坏件',
  dates: '日期', leftWarehouse: '出库日期', receivedByCustomer: '客户收货日期', reported: '报告日期', photos: '照片',
  state: '状态', handbagsMissing: '缺少手提袋数', boxesMissing: '缺少包装盒数', filmPeeled: '保护膜已撕',
  productDamage: '产品损坏', carrier: '承运方式', salespersonConsented: '销售员已同意', stage: '阶段',
  customerRefusesTakeBack: '客户拒绝取回', asOf: '评估时间', batch: '批量退回', amount: '金额（元）', outcome: '结果',
  freightAmount: '运费（元）', creditAmount: '退款金额（元）', priceYuan: '价格（元）', stockAdjusted: '已调整库存',
  responsibility: '运费责任',
  // a device repaired by the manufacturer; sales-return paths
  manufacturer: '厂家', trackingNumber: '快递单号', returnTrackingNumber: '厂家寄回快递单号', repaired: '已修复', repairBy: '维修方',
  sent: '寄出信息', sentAt: '寄出时间', reportDueAt: '检修报告到期时间', returnDueAt: '寄回客户期限', onTime: '按时',
  returnedParts: '退还配件', serviceRecord: '服务记录', deviceTakenBack: '设备已带回', partsHeld: '持有配件',
  refused: '被拒绝', over: '超出部分', requested: '退还数量', held: '持有数量', image: '有签字图像',
  customerName: '客户姓名', customerPhone: '客户电话', freightYuan: '运费（元）', parts: '配件', previous: '上次寄送',
  freightBorneBy: '运费承担方', freightPaidBy: '运费支付方', piecesToReturn: '应退件数', resolution: '处理方式', handler: '处理方',
  repairCaseId: '返厂维修工单号', repairOutcome: '维修结果', shipmentCaseId: '发货工单号', shipmentOutcome: '发货结果', askedBy: '提问人',
  // shipments, installations
  salesOrder: '销售订单号', waybill: '运单号', amountYuan: '金额（元）', deliveryNote: '发货单号', expectedArrival: '预计到货时间',
  via: '方式', date: '日期', plannedWorkingDays: '计划工作日数', tripWorkingDays: '出差工作日数', progress: '进展',
  percentComplete: '完成百分比', installed: '安装结果', satisfaction: '满意度', remarks: '客户备注',
  // what task contexts and timeline details carry
  round: '轮次', dispatched: '已派出', manufacturerAnswers: '厂家答复', status: '状态', ranked: '推荐排名', knowledge: '知识库条目',
  userId: '人员', id: '编号', caseId: '工单号', taskId: '任务编号', kind: '类型', role: '角色', assignee: '处理人', to: '接收人',
  from: '来自', level: '级别', escalatedTo: '升级至', callId: '来电编号', title: '标题', recommendation: '推荐',
  candidates: '候选人', unranked: '未排序', distanceKm: '距离（公里）', workload: '工作量', reasons: '理由', experience: '经验',
  detail: '详情', invoice: '发票', workingMs: '工作时间（毫秒）', callbackAt: '回访时间', clock: '计时',
  data: '数据', templates: '模板', channel: '渠道', template: '模板', error: '错误', rule: '依据', ruleId: '规则',
  months: '月数', allocatedBy: '分配人', technicianName: '售后人员', recommended: '推荐首选',
  faultSummary: '故障描述', faultCategory: '故障类别', recommendedRank: '推荐排名', knowledgeEntryId: '知识库条目',
  grossWorkingMs: '总工作时间（含暂停，毫秒）', pausedWorkingMs: '暂停的工作时间（毫秒）', pauses: '暂停记录',
  startedAt: '开始时间', originalDueAt: '原到期时间', stoppedAt: '停止时间', paused: '已暂停', intervals: '时段',
  met: '按时', metWithoutPauses: '扣除暂停后按时', durationMs: '时长（毫秒）', pausedBy: '暂停人', completedBy: '完成人',
  completedAt: '完成时间', attempts: '尝试次数', attempt: '第几次',
};

/** Chinese hints, where the schema's description says something a person filling the form needs. */
const ZH_HINT: Record<string, string> = {
  contact: '到现场接待售后人员的人',
  location: '用于推荐售后人员',
  staffId: '被投诉的员工',
  salesManagerId: '在职的销售经理',
  salespersonId: '在职的销售员',
  serial: '退回产品的串号',
  replacementModel: '默认：同一型号',
  address: '地址',
  salesOrder: '销售订单编号',
  needsInstallation: '收货后自动开启安装流程',
  category: '产品类别',
  quantity: '数量',
  accessories: '随设备一起送来的配件，寄回时一并退回',
  condition: '设备到达时的状况，记录在工单上',
  sku: '库存物料（见库存）',
  photos: '照片编号（1-50 张）',
  carrier: '承运商',
  reason: '原因，记录在工单上',
  note: '备注，记录在工单上',
  answer: '答复，记录并通知相关人员',
  question: '提出的问题',
  request: '需要的帮助',
  solution: '解决方法，归档到服务记录和知识库',
  cause: '故障原因，用于服务记录',
  problem: '服务记录：问题',
  prevention: '服务记录：预防措施',
  proposal: '软件维修、硬件维修或更换',
  estimatedFeeYuan: '若超出保修，预计收费（元，0-1,000,000）',
  businessTrip: '需要出差：向总经理提交市场支持申请，批准后上门',
  destination: '出差目的地',
  expectedDays: '预计天数（最多 60 天）',
  manufacturerCannotHelp: '厂家无法协助的原因（手册第一部分第 5 步：上门前先询问厂家）；在客服记录厂家答复之前必填',
  technicianId: '在岗且未请假的售后人员（见任务信息中的推荐）',
  until: '保修最后一天（YYYY-MM-DD）',
  feeYuan: '报价（元，0-1,000,000），发送给客户',
  estimatedCostYuan: '预计出差费用（元）',
  qty: '数量（1-10,000）',
  dataBackedUp: '维修前已备份重要数据（客户电脑必须勾选）',
  source: 'company：主管答复；manufacturer：客服询问厂家',
  plan: '计划方案',
  nextVisitAt: '下次上门时间，任务从该时间起计',
  customerAuthorization: '客户同意取走设备的书面授权（手册第一部分第 7 步 ④）',
  signer: '签字人',
  at: '授权时间',
  customerChecked: '客户已验收结果（必须勾选）',
  signature: '客户在服务单上的签字',
  signedAt: '签字时间',
  imageBase64: '扫描或手写签字（base64，最多 300,000 字符）',
  unusedParts: '为工单领用但未使用的配件，退回库存',
  score: '满意度 1-5；低分转主管跟进',
  comments: '客户意见，记录在工单上',
  action: '针对低分采取的措施，记录后结案',
  findings: '质检结论，随报价或寄回时告知客户',
  chargeable: '是：向客户报价并由客户决定；否：免费维修',
  quoteYuan: '维修费用（元），需收费时必填',
  productionHelp: '需要生产协助：向生产提交协调单',
  repairSummary: '维修内容，寄回时告知客户',
  evidence: '依据（发票、厂家串号查询等）',
  waybill: '运单号',
  amount: '金额（元）',
  amountYuan: '收到的金额（元）',
  deliveryNote: '发货单号',
  serials: '此运单上的串号',
  expectedArrival: '预计到达客户的时间',
  receivedBy: '在客户处签收的人',
  date: '约定的安装日期',
  plannedWorkingDays: '计划出差工作日数',
  tripWorkingDays: '预计出差工作日数，决定出差期限',
  progress: '自上次报告以来的进展',
  percentComplete: '安装完成百分比',
  installed: '每台设备的安装结果',
  customerSignedBy: '代表客户签字的人',
  satisfaction: '客户满意度 1-5',
  remarks: '客户备注',
  pass: '是否合格',
  chargeYuan: '费用（元）',
  replacementSerial: '更换产品的串号',
  productionDate: '更换产品的生产日期',
  finding: '调查结论，记录在工单上',
  decision: '投诉属实时的处理：留用察看或开除',
  fineYuan: '按对公司造成的损害确定的罚款，提交罚款台账待确认',
  employeeId: '造成退货的仓库员工；以其名义提出罚款',
  receiverId: '收货并移交单据的仓库员工',
  responsibility: '销售员签字确认的运费责任方',
  reference: '凭证号或参考编号',
  outcome: '批准的协商结果',
  freightAmount: '运费（元），由客户承担时记入客户账户',
  creditAmount: '退款金额（元），不超过发票金额',
  priceYuan: '与客户确认的价格（元）',
  stockAdjusted: '仓库库存已调整（必须勾选）',
  manufacturer: '送修的厂家',
  trackingNumber: '寄往厂家的快递单号，记录在时间线上；随后登记厂家检修报告',
  returnTrackingNumber: '厂家寄回的快递单号（如已知）',
  repaired: '是：厂家已修复；否：厂家未修复退回',
  repairBy: 'manufacturer：客服寄厂家检修并寄回客户；in_house：返厂维修（质检）',
  customerName: '退货未登记客户时必填',
  customerPhone: '客户电话，用于短信通知',
  freightYuan: '运费（元），由客户承担',
  parts: '配件',
  result: '处理结果',
  summary: '概述',
  model: '型号',
};

const words = (key: string) => key.replace(/([a-z0-9])([A-Z])/g, '$1 $2').replace(/_/g, ' ').replace(/^./, (c) => c.toUpperCase());

/** The field's label in the language (the last part of a path names it). */
export const fieldLabel = (key: string, lang: string) => (lang === 'en' ? words(key) : (ZH[key] ?? words(key)));

/** The field's hint: Chinese from the dictionary, English (and any field without a Chinese hint) the schema's. */
export function fieldHint(key: string, description: string | undefined, lang: string): string | undefined {
  if (!description) return undefined;
  return lang === 'en' ? description : (ZH_HINT[key] ?? description);
}

/** The field name a path ends in (an array item's is its array's). */
export const keyOf = (path: string) => path.split('.').filter((p) => !/^\d+$/.test(p)).pop() ?? path;

/** A path as people read it: each named part's label (item numbers from 1). */
export const pathLabel = (path: string, lang: string) =>
  path
    .split('.')
    .map((p) => (/^\d+$/.test(p) ? String(Number(p) + 1) : fieldLabel(p, lang)))
    .join(' › ');

/** Whether a field name has a Chinese label (the browser test checks the forms it opens have them all). */
export const hasZhLabel = (key: string) => key in ZH;
