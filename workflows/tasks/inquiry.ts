// Task kinds of the inquiry process (SPEC 3.8).
import { z } from 'zod';
import { text, type TaskKindSpec } from './common';

export const INQUIRY_TASKS = {
  answer_market_question: {
    title: { 'zh-CN': '回复市场问题', en: 'Answer a market question' },
    outcomes: { answered: z.object({ answer: text(5000) }).strict() },
  },
  answer_technical_question: {
    title: { 'zh-CN': '答复技术问题', en: 'Answer a technical question' },
    outcomes: {
      answered: z.object({ answer: text(5000) }).strict(),
      escalate: z.object({ note: z.string().trim().max(2000).optional() }).strict(),
    },
  },
  technician_answer_question: {
    title: { 'zh-CN': '技术员答复技术问题', en: 'Technician answers a technical question' },
    outcomes: {
      answered: z.object({ answer: text(5000) }).strict(),
      progress: z.object({ note: text(2000) }).strict(),
    },
  },
} as const satisfies Record<string, TaskKindSpec>;
