// Every rule the service cites quotes the handbook verbatim (issue 9, "citations are exact"). The handbook file is
// text extracted from a printed page, so its lines break mid-sentence: whitespace is not part of the comparison.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { citation, RETURN_RULES, RULE_IDS } from '../../rules/returns/rules';
import { HANDBOOK_WARRANTY_CITATION } from '../../rules/warranty';

// The department's handbook (../shared/seed), kept beside the tests so a clone checks against it on its own.
const HANDBOOK = path.join(__dirname, '..', 'fixtures', 'handbook', '售后服务手册.txt');
const squash = (t: string) => t.replace(/\s+/g, '');

describe('handbook citations are exact', () => {
  const handbook = squash(fs.readFileSync(HANDBOOK, 'utf8'));

  it.each(RULE_IDS)('%s quotes the handbook verbatim', (id) => {
    const rule = RETURN_RULES[id];
    expect(rule.zh.length).toBeGreaterThan(5);
    expect(handbook).toContain(squash(rule.zh));
  });

  it('each quoted article starts with its printed number in its section', () => {
    // Chapter 2's lists and chapter 3 print "N、" before the article's text; chapter 1 prints "第N条".
    for (const id of RULE_IDS) {
      const rule = RETURN_RULES[id];
      if (rule.chapter === 1) continue;
      const quoted = squash(rule.zh);
      const printed = rule.zh.startsWith(`${rule.article}、`) ? quoted : `${rule.article}、${quoted}`;
      expect(handbook, `${id}: ${citation(id).zh}`).toContain(printed);
    }
  });

  it('the warranty rule quotes the handbook verbatim', () => {
    expect(handbook).toContain(squash(HANDBOOK_WARRANTY_CITATION));
  });
});
