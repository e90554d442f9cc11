// Task kinds are built on first use (each case evaluates the workflow modules anew), and the catalogue that
// merges every process's kinds builds none of them by itself.
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { lazyKinds, mergeKinds, type TaskKindSpec } from '../../workflows/tasks/common';
import { TASK_KINDS } from '../../workflows/task-catalog';
import { withoutSourcesContent } from '../../scripts/build-workflows';

describe('lazy task kinds', () => {
  it('build a kind on its first read, once, and no other kind', () => {
    const built: string[] = [];
    const kind = (name: string) => (): TaskKindSpec => {
      built.push(name);
      return { title: { 'zh-CN': name, en: name }, outcomes: { done: z.object({}).strict() } };
    };
    const group = lazyKinds({ a: kind('a'), b: kind('b') });
    const merged = mergeKinds(group);
    expect(Object.keys(merged)).toEqual(['a', 'b']);
    expect(built).toEqual([]);
    expect(merged.a).toBe(group.a);
    expect(merged.a.title.en).toBe('a');
    expect(built).toEqual(['a']);
  });

  it('leave the catalogue as complete as the plain objects were', () => {
    expect(Object.keys(TASK_KINDS).length).toBeGreaterThan(60);
    expect(Object.keys(TASK_KINDS.answer_market_question.outcomes)).toEqual(['answered']);
    expect(z.safeParse(TASK_KINDS.answer_market_question.outcomes.answered, { answer: ' 可以 ' }).data).toEqual({ answer: '可以' });
  });
});

describe('the workflow bundle', () => {
  it('keeps the inline source map but not the sources in it', () => {
    const map = { version: 3, file: 'b.js', sources: ['a.ts'], sourcesContent: ['const a = 1;'], names: [], mappings: 'AAAA' };
    const tag = '//# sourceMappingURL=data:application/json;charset=utf-8;base64,';
    const out = withoutSourcesContent(`var a = 1;\n${tag}${Buffer.from(JSON.stringify(map)).toString('base64')}`);
    expect(out.startsWith('var a = 1;\n')).toBe(true);
    const kept = JSON.parse(Buffer.from(out.slice(out.lastIndexOf(tag) + tag.length), 'base64').toString());
    expect(kept).toEqual({ version: 3, file: 'b.js', sources: ['a.ts'], names: [], mappings: 'AAAA' });
  });
});
