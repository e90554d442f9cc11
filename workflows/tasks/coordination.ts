// Task kinds of coordination with production (SPEC 3.9).
import { z } from 'zod';
import { text, lazyKinds } from './common';

export const COORDINATION_TASKS = lazyKinds({
  coordination_form: () => ({
    title: { 'zh-CN': '处理部门协调单', en: 'Handle a department coordination form' },
    outcomes: {
      done: z.object({ result: text(5000).describe('What production did; sent back to whoever raised the form, and the form closes') }).strict(),
      rejected: z.object({ reason: text(2000).describe('Why production cannot help; sent back to whoever raised the form, and the form closes') }).strict(),
    },
  }),
});
