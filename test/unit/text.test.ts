import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadTables, DEFAULT_CORPUS_DIR } from '../../src/corpus/load.ts';
import { normalizeText } from '../../src/corpus/normalize.ts';
import { sentenceRules } from '../../src/corpus/pipeline.ts';
import { splitSentences } from '../../src/corpus/sentences.ts';
import { Analyzer, tokenize } from '../../src/search/analyzer.ts';

const tables = loadTables(DEFAULT_CORPUS_DIR);
const norm = (s: string): string => normalizeText(s, tables.confusables);
const sentences = (s: string): string[] => splitSentences(s, sentenceRules(tables)).map((sp) => s.slice(sp.start, sp.end));

test('normalisation: curly quotes, guillemets, gluing em dashes, Cyrillic look-alikes, NFKC', () => {
  assert.equal(norm('Iran\u2019s \u201cconstructive\u201d \u00abdespite\u00bb'), 'Iran\'s "constructive" "despite"');
  assert.equal(norm('North Korea\u2014after threatening'), 'North Korea — after threatening');
  assert.equal(norm('wrote \u00ab\u0422ehran Times\u00bb'), 'wrote "Tehran Times"');
  assert.equal(norm('\u041c\u043e\u0441\u043a\u0432\u0430 stays Cyrillic'), '\u041c\u043e\u0441\u043a\u0432\u0430 stays Cyrillic');
  assert.equal(norm('state.\u00a0'), 'state. ');
  assert.equal(norm('\uFB01nal'), 'final');
});

test('sentences do not break U.S., B-2, 2.16, initials or a quotation', () => {
  assert.deepEqual(sentences('The U.S. Special Envoy met him. Trump moved six B-2 bombers.'), ['The U.S. Special Envoy met him.', 'Trump moved six B-2 bombers.']);
  assert.deepEqual(sentences("Tehran's stock exchange rose 2.16 per cent. It was the best since January."), ["Tehran's stock exchange rose 2.16 per cent.", 'It was the best since January.']);
  assert.deepEqual(sentences('He studied at the S. Rajaratnam School. Then he left.'), ['He studied at the S. Rajaratnam School.', 'Then he left.']);
  assert.deepEqual(sentences('A source stated. "We will not tolerate it. Never." Then talks ended.'), ['A source stated.', '"We will not tolerate it. Never."', 'Then talks ended.']);
  assert.deepEqual(sentences('It angered the U.S. The talks went on.'), ['It angered the U.S.', 'The talks went on.']);
});

test('tokens keep U.S., B-2, Bavar-373 and 2.16 whole', () => {
  assert.deepEqual(
    tokenize('U.S. B-2 Bavar-373 2.16 Iran\'s').map((t) => t.folded),
    ['u.s', 'b-2', 'bavar-373', '2.16', 'iran'],
  );
  // A designation's plural is the designation; a decade keeps its s.
  assert.deepEqual(tokenize('B-2s b2s F-35s 1990s').map((t) => t.folded), ['b-2', 'b2', 'f-35', '1990s']);
});

test('the analyzer folds, stems, drops stop words and maps aliases to one term', () => {
  const a = new Analyzer(tables);
  assert.deepEqual(a.terms('Stephen Whitcoff'), a.terms('Witkoff'));
  assert.deepEqual(a.terms('the United States'), a.terms('U.S.'));
  assert.deepEqual(a.terms('America'), a.terms('Washington'));
  assert.deepEqual(a.terms('Araqchi'), a.terms('Araghchi'));
  assert.deepEqual(a.terms('40 per cent'), a.terms('40 percent'));
  assert.deepEqual(a.terms('defence programme'), a.terms('defense program'));
  assert.deepEqual(a.terms('Suleimani Ghaani'), a.terms('Soleimani Qaani'));
  assert.deepEqual(a.terms('Emirati'), a.terms('UAE'));
  assert.deepEqual(a.terms('negotiations'), a.terms('negotiating'));
  assert.deepEqual(a.terms('Ära'), a.terms('ara'));
  assert.deepEqual(a.terms('what is the'), []);
  // The pronoun "us" is a stop word; "US" in capitals is the country.
  assert.deepEqual(a.terms('let us talk'), a.terms('talk'));
  assert.deepEqual(a.terms('US'), a.terms('United States'));
  // A hyphenated word is found by its parts.
  assert.ok(a.terms('Oman-mediated').includes(a.terms('Oman')[0] ?? '?'));
  // Irregular forms meet their base.
  assert.deepEqual(a.terms('wrote'), a.terms('write'));
});
