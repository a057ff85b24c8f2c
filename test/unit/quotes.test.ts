import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadGoldQuotes, sameSpeaker, scoreQuotations } from '../eval/quotations.ts';
import { loadCorpus } from '../../src/corpus/load.ts';
import { buildDocuments } from '../../src/corpus/pipeline.ts';
import { joinParts, QuotationExtractor } from '../../src/search/quotations.ts';
import { QuoteIndex } from '../../src/search/quotes.ts';
import { GOOD_FRONT_MATTER, realEngine, tempCorpus } from '../helpers/corpus.ts';

const engine = realEngine();
const all = engine.quotes.quotations;

test('extraction against the gold list: precision, recall and speaker accuracy ≥ 0.95', () => {
  const s = scoreQuotations(all);
  assert.ok(s.recall >= 0.95, `recall ${s.recall}; missed ${s.unmatched.join(' | ')}`);
  assert.ok(s.precision >= 0.95, `precision ${s.precision}; spurious ${s.spurious.join(' | ')}`);
  assert.ok(s.speakerAccuracy >= 0.95, `speaker accuracy ${s.speakerAccuracy}; ${s.wrongSpeaker.join(' | ')}`);
});

test('a quotation split by its attribution is one quotation, with its speaker and role', () => {
  const q = all.find((x) => x.text.startsWith('However, it'));
  assert.equal(q?.text, "However, it won't be easy. Both sides must demonstrate seriousness and resolve.");
  assert.equal(q?.speaker, 'Abbas Araghchi');
  const abolfath = all.find((x) => x.speaker === 'Amir Ali Abolfath');
  assert.equal(abolfath?.role, 'North America affairs expert');
  assert.match(abolfath?.text ?? '', /temporary shift .* But nothing is guaranteed/);
});

test('a comma that closed a part before the attribution becomes a full stop when the next part starts a sentence', () => {
  const q = all.find((x) => x.text.startsWith('This round allowed us'));
  assert.equal(q?.text, 'This round allowed us to agree on the substance. If we finalize the substance next week, we can then define the format.');
  assert.equal(joinParts(['However,', "it won't be easy."]), "However, it won't be easy.");
  assert.equal(joinParts(['Yes,', 'I agree.']), 'Yes, I agree.');
});

test('scare quotes are kept as terms; NEO\'s Whitcoff is canonicalised to Steve Witkoff', () => {
  for (const t of ['despite', 'format', 'red lines.', 'intimidating']) assert.equal(all.find((x) => x.text === t)?.kind, 'term', t);
  assert.equal(all.find((x) => x.text.startsWith('positive and constructive'))?.speaker, 'Steve Witkoff');
});

test('a lookup by surname finds every quotation of that speaker', () => {
  const gold = loadGoldQuotes();
  const speakers = [...new Set(gold.map((g) => g.speaker).filter((s): s is string => s !== null && /^[A-Z]\w+ [A-Z]/.test(s)))];
  assert.ok(speakers.length >= 8);
  for (const speaker of speakers) {
    const surname = speaker.split(' ').pop() ?? speaker;
    const found = engine.quote(surname).quotes.map((h) => h.quotation);
    const want = all.filter((q) => sameSpeaker(q.speaker, speaker));
    assert.ok(want.length > 0, speaker);
    for (const w of want) assert.ok(found.includes(w), `${surname} misses "${w.text}"`);
  }
  assert.equal(engine.quote('Whitcoff').quotes[0]?.quotation.speaker, 'Steve Witkoff');
  assert.equal(engine.quote('Shermann').quotes[0]?.quotation.speaker, 'Wendy Sherman');
});

test('a lookup by the words of a quotation finds it, and an unknown query says so', () => {
  assert.equal(engine.quote('tough and shrewd').quotes[0]?.quotation.speaker, 'Wendy Sherman');
  assert.equal(engine.quote('there will be bombing').quotes[0]?.quotation.speaker, 'Donald Trump');
  assert.equal(engine.quote('the').quotes.length, 0, 'a stop word names no speaker');
  assert.equal(engine.quote('of').quotes.length, 0);
  const none = engine.quote('Napoleon Bonaparte');
  assert.equal(none.quotes.length, 0);
  assert.match(none.notice ?? '', /No quotation/);
});

test('speakers are listed most quoted first, with their role', () => {
  const s = engine.speakers();
  assert.equal(s[0]?.name, 'Abbas Araghchi');
  assert.equal(s.find((x) => x.name === 'Masoud Pezeshkian')?.role, 'Iranian President');
  assert.deepEqual(
    engine.sources().map((x) => x.quotations),
    ['NEO', 'RSIS'].map((id) => all.filter((q) => q.source === id).length),
  );
});

test('a saved quotation index is restored to answer as the one built; one another MiniSearch release wrote is refused', () => {
  const real = realEngine();
  const metas = new Map(real.documents.map((d) => [d.meta.id, d.meta] as const));
  const restored = new QuoteIndex(real.quotes.quotations, metas, real.index.analyzer, real.quotes.save());
  for (const q of ['formidable counterpart', 'Araghchi', 'Whitcoff']) assert.deepEqual(restored.quote(q), real.quotes.quote(q), q);
  // Refused in the constructor, inside Engine.load, which rebuilds (test/unit/cache.test.ts).
  assert.throws(() => new QuoteIndex(real.quotes.quotations, metas, real.index.analyzer, { ...real.quotes.save(), version: '6.0.0' }), /cannot be restored/);
});

test('speakers come from the text, not a table: a surname after the full name, "according to", a post, a title, an appositive, a role, a continuation, a colon, a statement, an honorific', () => {
  const text = `${GOOD_FRONT_MATTER}# Talks

Esmaeil Baghaei, the Foreign Ministry spokesman, spoke on Monday. "We have not received any proposal from the other side," Baghaei told reporters.

According to Rafael Grossi, director general of the agency, inspectors would need "access to all the relevant sites" to verify a deal.

State Department spokeswoman Tammy Bruce wrote on social media: "Our position has not changed at all."

"The gap between the two positions is the whole negotiation," said Nadia Farahani, a senior fellow at the Meridian Center for Security Studies in Washington. "Nobody wants to be the first to blink."

Majid Takht-Ravanchi met the mediators. "Trust is something you build one step at a time," the envoy said.

Israel's intelligence minister, Yossi Amrani, was blunter in comments to Fox News: "A deal that leaves one centrifuge spinning is a delay."

The Ministry of Foreign Affairs also issued a statement. "Iran will attend the next round in good faith," the statement read.

Dr Lim Wei Ling teaches at a university in Singapore. "Asia will be the first to pay if the talks fail," Dr Lim said.`;
  const corpus = loadCorpus(tempCorpus({ 'test.md': text }));
  const doc = buildDocuments(corpus.sources, corpus.tables)[0] ?? assert.fail('no document');
  const found = new QuotationExtractor(engine.index.analyzer).extract(doc);
  const speakerOf = (start: string): string | null | undefined => found.find((q) => q.text.startsWith(start))?.speaker;
  assert.equal(speakerOf('We have not received'), 'Esmaeil Baghaei');
  assert.equal(speakerOf('access to all'), 'Rafael Grossi');
  assert.equal(speakerOf('Our position'), 'Tammy Bruce');
  assert.equal(speakerOf('The gap between'), 'Nadia Farahani');
  assert.equal(speakerOf('Nobody wants'), 'Nadia Farahani');
  assert.equal(speakerOf('Trust is something'), 'Majid Takht-Ravanchi');
  assert.equal(speakerOf('A deal that leaves'), 'Yossi Amrani');
  assert.equal(speakerOf('Iran will attend'), 'Ministry of Foreign Affairs');
  assert.equal(speakerOf('Asia will be'), 'Lim Wei Ling');
  assert.equal(found.find((q) => q.text.startsWith('The gap'))?.role, 'senior fellow at the Meridian Center for Security Studies in Washington');
});
