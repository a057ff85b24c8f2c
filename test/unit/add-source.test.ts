/**
 * npm run add-source (scripts/add-source.ts) on a page pasted with its menus, share buttons,
 * related links and its text twice (test/fixtures/pasted-page.txt, written for this test in
 * another outlet's style): what it proposes for the front matter, what it reports kept and
 * dropped, its refusals, and, as a child process, the file it writes loading as one clean source.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { AddSourceError, planReport, planSource } from '../../scripts/add-source.ts';
import { checkCorpus } from '../../scripts/check-corpus.ts';
import { DEFAULT_CORPUS_DIR, loadTables, parseFrontMatter } from '../../src/corpus/load.ts';
import { findMeta, idFromPublisher } from '../../src/corpus/paste.ts';
import { GOOD_FRONT_MATTER, tempCorpus } from '../helpers/corpus.ts';
import { ROOT } from '../helpers/spawn.ts';

const FIXTURE = join(ROOT, 'test/fixtures/pasted-page.txt');
const PASTE = readFileSync(FIXTURE, 'utf8');
const EXISTING = GOOD_FRONT_MATTER + 'Iran and the United States met in Oman on April 12.\n';

/** The article's paragraphs as written once (before the paste repeats them). */
const PARAGRAPHS = PASTE.split('\n').filter((l) => l.split(' ').length > 12 && !l.startsWith('©'));

function addSource(args: readonly string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, ['--import', import.meta.resolve('tsx'), join(ROOT, 'scripts/add-source.ts'), ...args], { cwd: ROOT, env: { PATH: process.env.PATH ?? '' }, encoding: 'utf8', timeout: 30_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('add-source', () => {
  it('proposes the title, author, date and publisher the paste tells, and an id from the publisher', () => {
    const plan = planSource(PASTE, { given: {}, dir: tempCorpus({ 'test.md': EXISTING }) });
    assert.deepEqual(plan.meta, { id: 'HL', publisher: 'The Harbour Ledger', title: 'Rome Round Ends With Plans for Expert Talks', author: 'Leila Haddad', date: '2025-04-20' });
    assert.deepEqual(plan.origin, { id: 'publisher', publisher: 'paste', title: 'paste', author: 'paste', date: 'paste', url: 'none' });
    assert.equal(plan.name, 'sources/hl.md');
  });

  it('keeps every paragraph once and the headings; drops the menus, share buttons, header, title, byline, related links and the second copy', () => {
    const plan = planSource(PASTE, { given: {}, dir: tempCorpus({ 'test.md': EXISTING }) });
    const passages = plan.document.passages.map((p) => p.text);
    assert.equal(PARAGRAPHS.length, 14, 'the fixture holds its 7 paragraphs twice');
    for (const p of PARAGRAPHS) assert.equal(passages.filter((t) => t === p).length, 1, p);
    assert.equal(passages.length, 7);
    assert.deepEqual([...new Set(plan.document.passages.map((p) => p.heading))], [null, 'A Narrow Agenda', 'Doubts at Home', 'What Comes Next']);
    const dropped = (reason: string): string[] => plan.dropped.filter((d) => d.reason === reason).map((d) => d.text);
    assert.deepEqual(dropped('furniture'), ['Skip to main content', 'Home | World | Middle East | Business | Opinion', 'Subscribe', 'Sign in', '6 min read', 'Share on X', 'Share on Facebook', 'Copy link']);
    assert.deepEqual(dropped('page header'), ['- World', '- Middle East', 'Published: 20 April 2025']);
    assert.deepEqual(dropped('title'), ['Rome Round Ends With Plans for Expert Talks', 'Rome Round Ends With Plans for Expert Talks']);
    assert.deepEqual(dropped('byline'), ['By Leila Haddad', 'By Leila Haddad']);
    assert.deepEqual(dropped('page end'), ['Related articles', 'Oil prices slip as talks resume', 'Who is Steve Witkoff?', "Muscat's quiet diplomacy, explained", '© 2025 The Harbour Ledger. All rights reserved.']);
    assert.equal(dropped('repeat').length, 10, 'the second copy: 7 paragraphs and 3 headings');
  });

  it('reports the quotations once each with their speakers, and what was dropped, before writing', () => {
    const plan = planSource(PASTE, { given: {}, dir: tempCorpus({ 'test.md': EXISTING }) });
    const statements = plan.quotations.filter((q) => q.kind === 'statement');
    assert.equal(statements.length, 3);
    assert.deepEqual(statements.map((q) => q.speaker), ['Abbas Araghchi', 'Hossein Shariatmadari', 'Abbas Araghchi']);
    const report = planReport(plan);
    assert.match(report, /^ {2}title: +Rome Round Ends With Plans for Expert Talks {3}\(found in the paste\)$/m);
    assert.match(report, /^Kept: 3 headings, 7 passages, 3 quotations/m);
    assert.match(report, /^ {4}"We made progress on principles and goals, .*" — Abbas Araghchi$/m);
    const quoted = report.slice(report.indexOf('\n  quotations:\n'), report.indexOf('\nDropped:')).trim().split('\n').slice(1);
    assert.equal(quoted.length, 3, 'each quotation once, though the paste holds it twice');
    statements.forEach((q, k) => assert.ok(quoted[k]?.endsWith(` — ${q.speaker ?? '(no speaker found)'}`), quoted[k]));
    assert.match(report, /^ {2}site furniture \(menus, share buttons, sign-in\): 8$/m);
    assert.match(report, /^ {4}- Share on Facebook$/m);
    assert.match(report, /^ {2}repeated text \(the paste holds it twice\): 10$/m);
  });

  it('flags override what the paste tells; a bad flag is named', () => {
    const dir = tempCorpus({ 'test.md': EXISTING });
    const plan = planSource(PASTE, { given: { id: 'HARBOUR', title: 'Rome: Second Round', date: '2025-04-21', url: 'https://example.org/rome' }, dir });
    assert.deepEqual([plan.meta.id, plan.meta.title, plan.meta.date, plan.meta.url, plan.meta.author], ['HARBOUR', 'Rome: Second Round', '2025-04-21', 'https://example.org/rome', 'Leila Haddad']);
    assert.match(plan.text, /^---\nid: HARBOUR\npublisher: "The Harbour Ledger"\ntitle: "Rome: Second Round"\n/);
    assert.ok(plan.text.endsWith(PASTE), 'the paste follows the front matter unchanged');
    assert.throws(() => planSource(PASTE, { given: { date: '20/04/2025' }, dir }), (e: unknown) => e instanceof AddSourceError && /^--date "20\/04\/2025" must be a date written YYYY-MM-DD/.test(e.message));
    assert.throws(() => planSource('Just a line.\n', { given: {}, dir }), (e: unknown) => e instanceof AddSourceError && /does not tell the id, publisher, author, date: give --id ID --publisher "…" --author "…" --date YYYY-MM-DD$/.test(e.message));
  });

  it('refuses an id another file holds, naming both files, and an existing file without --force', () => {
    const taken = tempCorpus({ 'harbour-april.md': GOOD_FRONT_MATTER.replace('id: TEST', 'id: HL') + 'Text of the article.\n' });
    assert.throws(() => planSource(PASTE, { given: {}, dir: taken, force: true }), (e: unknown) => e instanceof AddSourceError && e.message === 'the id HL is taken by sources/harbour-april.md; sources/hl.md would duplicate it: give another --id');
    const same = tempCorpus({ 'hl.md': GOOD_FRONT_MATTER.replace('id: TEST', 'id: HL') + 'Text of the article.\n' });
    assert.throws(() => planSource(PASTE, { given: {}, dir: same }), (e: unknown) => e instanceof AddSourceError && e.message === 'sources/hl.md exists: give another --id, or --force to replace it');
    assert.equal(planSource(PASTE, { given: {}, dir: same, force: true }).name, 'sources/hl.md');
  });

  it('as a command: prints the report, writes a file the corpus loads as one clean source, and will not overwrite it', () => {
    const dir = tempCorpus({ 'test.md': EXISTING });
    const r = addSource([FIXTURE, '--dir', dir, '--id', 'HARBOUR']);
    assert.equal(r.code, 0, r.stderr);
    const file = join(dir, 'sources', 'harbour.md');
    assert.match(r.stdout, /^Kept: 3 headings, 7 passages/m);
    assert.ok(r.stdout.indexOf('Dropped:') < r.stdout.indexOf(`Wrote ${file}`));
    const written = readFileSync(file, 'utf8');
    assert.equal(parseFrontMatter(written, 'harbour.md').data.author, 'Leila Haddad');
    const { sources, warnings } = checkCorpus(dir);
    assert.deepEqual(sources.find((s) => s.id === 'HARBOUR')?.passages, 7);
    assert.deepEqual(warnings, []);
    const again = addSource([FIXTURE, '--dir', dir, '--id', 'HARBOUR', '--title', 'Changed']);
    assert.equal(again.code, 1);
    assert.equal(again.stderr.trim(), 'add-source: sources/harbour.md exists: give another --id, or --force to replace it');
    assert.equal(readFileSync(file, 'utf8'), written);
    assert.ok(!existsSync(join(dir, 'sources', 'hl.md')));
  });

  it('on the corpus articles, finds the title, author and date their front matter gives', () => {
    const tables = loadTables(DEFAULT_CORPUS_DIR);
    for (const name of ['neo.md', 'rsis.md']) {
      const { data, body } = parseFrontMatter(readFileSync(join(DEFAULT_CORPUS_DIR, 'sources', name), 'utf8'), name);
      const found = findMeta(body, tables);
      assert.deepEqual([found.title, found.author, found.date], [data.title, data.author, data.date], name);
    }
    assert.equal(idFromPublisher('New Harbour Ledger'), 'NHL');
    assert.equal(idFromPublisher('Gulf Policy Institute (GPI), Doha'), 'GPI');
  });
});
