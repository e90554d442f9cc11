// Search terms for the knowledge base without $text (FerretDB has none): latin words and numbers
// lower-cased, Chinese text as overlapping character pairs (bigrams) plus single characters. Pure.

const TOKEN = /\p{Script=Han}+|[\p{L}\p{N}]+/gu;
const HAN = /^\p{Script=Han}/u;
const STOPWORDS = new Set(['a', 'an', 'and', 'are', 'at', 'be', 'by', 'for', 'from', 'in', 'is', 'it', 'of', 'on', 'or', 'the', 'to', 'with']);

/** Everything an entry is found by: latin words, Chinese bigrams and single characters. */
export function indexTerms(...texts: Array<string | undefined>): string[] {
  const out = new Set<string>();
  for (const run of runs(texts)) {
    if (!HAN.test(run)) {
      if (!STOPWORDS.has(run)) out.add(run);
      continue;
    }
    const chars = [...run];
    for (const c of chars) out.add(c);
    for (let i = 0; i + 1 < chars.length; i++) out.add(chars[i]! + chars[i + 1]!);
  }
  return [...out];
}

/** What a query looks for: latin words, Chinese bigrams (a lone Chinese character stands for itself). */
export function queryTerms(text: string): string[] {
  const out = new Set<string>();
  for (const run of runs([text])) {
    if (!HAN.test(run)) {
      if (!STOPWORDS.has(run)) out.add(run);
      continue;
    }
    const chars = [...run];
    if (chars.length === 1) out.add(chars[0]!);
    for (let i = 0; i + 1 < chars.length; i++) out.add(chars[i]! + chars[i + 1]!);
  }
  return [...out];
}

/** Model and category compared without case, width or spacing differences ('HP LaserJet 1020' = 'hp laserjet1020'). */
export function normaliseKey(text: string | undefined): string {
  return (text ?? '').normalize('NFKC').toLowerCase().replace(/[\s\-_]+/g, '');
}

function runs(texts: Array<string | undefined>): string[] {
  const all: string[] = [];
  for (const t of texts) if (t) all.push(...(t.normalize('NFKC').toLowerCase().match(TOKEN) ?? []));
  return all;
}
