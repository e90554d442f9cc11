// Templates of the installation (SPEC 3.3): rejection of the market-support request, the trip scheduled, an
// overdue trip, and the installation done.
import { localTime, s, type Template } from './common';

export const INSTALLATION_TEMPLATES: Record<string, Template> = {
  installation_rejected: {
    'zh-CN': (p) => ({
      subject: `[${s(p.caseId)}] 安装申请未获批准`,
      text: `${s(p.customerName)} 的安装（${s(p.units)} 台，${s(p.address)}）的市场支持申请单未获总经理批准。\n原因：${s(p.reason)}\n安装单号：${s(p.caseId)}。`,
      sms: `【售后】安装单${s(p.caseId)}的申请未获批准：${s(p.reason).slice(0, 40)}`,
    }),
    en: (p) => ({
      subject: `[${s(p.caseId)}] Installation request not approved`,
      text: `The market-support request for the installation at ${s(p.customerName)} (${s(p.units)} unit(s), ${s(p.address)}) was not approved by the general manager.\nReason: ${s(p.reason)}\nCase ${s(p.caseId)}.`,
      sms: `[After-sales] Installation ${s(p.caseId)} not approved: ${s(p.reason).slice(0, 60)}`,
    }),
  },
  installation_scheduled: {
    'zh-CN': (p) => ({
      subject: `[${s(p.caseId)}] 安装已安排：${s(p.date)}`,
      text: `${s(p.customerName)}，您好！\n您的 ${s(p.units)} 台产品将于 ${s(p.date)} 安装，技术员：${s(p.technicianName)}。\n安装单号：${s(p.caseId)}。`,
      sms: `【售后】您的产品将于${s(p.date)}安装，技术员${s(p.technicianName)}，单号${s(p.caseId)}。`,
    }),
    en: (p) => ({
      subject: `[${s(p.caseId)}] Installation scheduled: ${s(p.date)}`,
      text: `Dear ${s(p.customerName)},\nYour ${s(p.units)} unit(s) will be installed on ${s(p.date)} by ${s(p.technicianName)}.\nCase ${s(p.caseId)}.`,
      sms: `[After-sales] Installation on ${s(p.date)} by ${s(p.technicianName)}, case ${s(p.caseId)}.`,
    }),
  },
  installation_trip_overdue: {
    'zh-CN': (p) => ({
      subject: `[${s(p.caseId)}] 升级：安装出差已超期`,
      text: `技术员 ${s(p.technicianName)} 的安装出差应于 ${localTime(p.until, 'zh-CN')} 前结束，至今未返回。请售后主管跟进。\n客户：${s(p.customerName)}，${s(p.address)}`,
      sms: `【售后】升级：安装单${s(p.caseId)}出差已超期（${localTime(p.until, 'zh-CN')}），请跟进。`,
    }),
    en: (p) => ({
      subject: `[${s(p.caseId)}] Escalation: installation trip overdue`,
      text: `${s(p.technicianName)}'s installation trip was due to end by ${localTime(p.until, 'en')} and has not. Please follow up.\nCustomer: ${s(p.customerName)}, ${s(p.address)}`,
      sms: `[After-sales] Escalation: installation ${s(p.caseId)} trip overdue (${localTime(p.until, 'en')}).`,
    }),
  },
  installation_done: {
    'zh-CN': (p) => ({
      subject: `[${s(p.caseId)}] 安装完成`,
      text: `${s(p.customerName)}，您好！\n安装已完成：${s(p.installed)} / ${s(p.units)} 台。服务反馈单已存档。\n安装单号：${s(p.caseId)}。感谢您的配合！`,
      sms: `【售后】安装完成（${s(p.installed)}/${s(p.units)}台），单号${s(p.caseId)}。感谢配合！`,
    }),
    en: (p) => ({
      subject: `[${s(p.caseId)}] Installation complete`,
      text: `Dear ${s(p.customerName)},\nThe installation is complete: ${s(p.installed)} of ${s(p.units)} unit(s). The service feedback form is archived.\nCase ${s(p.caseId)}. Thank you!`,
      sms: `[After-sales] Installation complete (${s(p.installed)}/${s(p.units)}), case ${s(p.caseId)}.`,
    }),
  },
};
