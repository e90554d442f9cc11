// Task kinds of the inquiry process (SPEC 3.8).
import { z } from 'zod';
import { text, lazyKinds } from './common';

export const INQUIRY_TASKS = lazyKinds({
  answer_market_question: () => ({
    title: { 'zh-CN': '回复市场问题', en: 'Answer a market question' },
    outcomes: { answered: z.object({ answer: text(5000).describe('The answer; sent to the agent who logged the question, and the inquiry closes') }).strict() },
  }),
  answer_technical_question: () => ({
    title: { 'zh-CN': '答复技术问题', en: 'Answer a technical question' },
    outcomes: {
      answered: z.object({ answer: text(5000).describe('The answer; sent to the customer and the inquiry closes') }).strict(),
      escalate: z.object({ note: z.string().trim().max(2000).optional().describe('What the agent already knows; sent to the agent\'s record and the question goes to a technician') }).strict(),
    },
  }),
  technician_answer_question: () => ({
    title: { 'zh-CN': '技术员答复技术问题', en: 'Technician answers a technical question' },
    outcomes: {
      answered: z.object({ answer: text(5000).describe('The answer; sent to the agent and to the customer (e-mail and SMS), and the inquiry closes') }).strict(),
      progress: z.object({ note: text(2000).describe('Interim news for the agent; the question stays with this technician, due again after the answer time') }).strict(),
    },
  }),
});
