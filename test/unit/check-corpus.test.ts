/**
 * npm run check-corpus (scripts/check-corpus.ts) as a child process, on the real corpus and on
 * good and bad throwaway ones: a good corpus prints each source with its passages and
 * quotations and exits 0; a bad file exits 1 naming the file and the reason; a bad argument
 * exits 2. Every kind of bad file (unreadable, malformed front matter, empty body, duplicate id,
 * not UTF-8, bad tables, …) is also checked through checkCorpus() in this process, which is
 * quicker than a child each.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { checkCorpus as checkCorpusHere } from '../../scripts/check-corpus.ts';
import { MAX_ARTICLE_PASSAGES } from '../../src/corpus/limits.ts';
import { CorpusError } from '../../src/corpus/load.ts';
import { builtEngine, GOOD_FRONT_MATTER, realEngine, tempCorpus } from '../helpers/corpus.ts';
import { ROOT } from '../helpers/spawn.ts';

interface Result {
  readonly code: number | string;
  readonly stdout: string;
  readonly stderr: string;
}

function checkCorpus(args: readonly string[]): Promise<Result> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', import.meta.resolve('tsx'), join(ROOT, 'scripts/check-corpus.ts'), ...args], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code: code ?? signal ?? 'unknown', stdout, stderr });
    });
  });
}

const BODY = 'Iran and the United States met in Oman on April 12. "We agreed on the substance," Araghchi said.\n';
const other = (id: string): string => GOOD_FRONT_MATTER.replace('id: TEST', `id: ${id}`);

/** name → [corpus folder, the file the message must name, the reason it must give]. */
function badCorpora(): Map<string, [string, RegExp, RegExp]> {
  const bad = new Map<string, [string, RegExp, RegExp]>();
  const dangling = tempCorpus({ 'a.md': GOOD_FRONT_MATTER + BODY });
  symlinkSync(join(dangling, 'nowhere.md'), join(dangling, 'sources', 'unreadable.md'));
  bad.set('an unreadable file (a dangling link)', [dangling, /sources\/unreadable\.md/, /cannot be read \(ENOENT\)/]);
  const folder = tempCorpus({ 'a.md': GOOD_FRONT_MATTER + BODY });
  mkdirSync(join(folder, 'sources', 'folder.md'));
  bad.set('an unreadable file (a folder named .md)', [folder, /sources\/folder\.md/, /cannot be read \(EISDIR\)/]);
  bad.set('no front matter', [tempCorpus({ 'n.md': BODY }), /sources\/n\.md/, /must start with a front matter block/]);
  bad.set('front matter not closed', [tempCorpus({ 'u.md': '---\nid: TEST\n' + BODY }), /sources\/u\.md/, /front matter is not closed/]);
  bad.set('a front matter line that is not key: value', [tempCorpus({ 'k.md': GOOD_FRONT_MATTER.replace('author: Jane Doe', 'Jane Doe wrote it') + BODY }), /sources\/k\.md/, /front matter line \d+ is not "key: value"/]);
  bad.set('a missing field', [tempCorpus({ 'm.md': GOOD_FRONT_MATTER.replace('title: "A Test Article"\n', '') + BODY }), /sources\/m\.md/, /field "title" is missing/]);
  bad.set('a bad date', [tempCorpus({ 'd.md': GOOD_FRONT_MATTER.replace('2025-04-20', '20 April 2025') + BODY }), /sources\/d\.md/, /field "date" must be a date written YYYY-MM-DD/]);
  bad.set('an empty body', [tempCorpus({ 'e.md': GOOD_FRONT_MATTER + '\n \n' }), /sources\/e\.md/, /has an empty body/]);
  bad.set('a body that cleaning empties', [tempCorpus({ 'f.md': GOOD_FRONT_MATTER + 'Share this article\nPrint\n' }), /sources\/f\.md/, /has no text left once cleaned/]);
  bad.set('a duplicate source id', [tempCorpus({ 'a.md': GOOD_FRONT_MATTER + BODY, 'b.md': GOOD_FRONT_MATTER + BODY }), /sources\/b\.md/, /field "id" duplicates the id TEST of sources\/a\.md/]);
  const latin1 = Buffer.concat([Buffer.from(other('LAT')), Buffer.from('T\xe9h\xe9ran\n', 'latin1')]);
  bad.set('a file that is not UTF-8', [tempCorpus({ 'l.md': latin1 }), /sources\/l\.md/, /is not valid UTF-8/]);
  const table = tempCorpus({ 'a.md': GOOD_FRONT_MATTER + BODY });
  writeFileSync(join(table, 'tables', 'aliases.json'), '{ "groups": [ ');
  bad.set('a table that is not JSON', [table, /tables\/aliases\.json/, /is not valid JSON/]);
  const vectors = tempCorpus({ 'a.md': GOOD_FRONT_MATTER + BODY });
  writeFileSync(join(vectors, 'tables', 'word-vectors.bin'), 'not vectors');
  bad.set('a broken word-vector file', [vectors, /tables\/word-vectors\.bin/, /is not a valid word-vector file/]);
  const none = tempCorpus({});
  bad.set('no source at all', [none, /sources/, /holds no \.md source files/]);
  return bad;
}

/** Runs `jobs` at most `width` at a time. */
async function pool<T, R>(items: readonly T[], width: number, job: (t: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array<R>(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < items.length) {
        const k = next++;
        out[k] = await job(items[k] as T);
      }
    }),
  );
  return out;
}

describe('npm run check-corpus', { timeout: 120_000 }, () => {
  it('the real corpus: every source with its passages and quotations, as the engine counts them; exit 0', async () => {
    const r = await checkCorpus([]);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stderr, '');
    for (const s of realEngine().sources()) {
      assert.match(r.stdout, new RegExp(`^ +${s.meta.id} +sources/\\S+\\.md: ${s.passages} passages, ${s.quotations} quotations$`, 'm'));
    }
    assert.match(r.stdout, /^OK: 2 sources, \d+ passages, \d+ quotations\.$/m);
  });

  it('a good throwaway corpus given with --dir (and --dir=): exit 0 with its one source', async () => {
    const dir = tempCorpus({ 'test.md': GOOD_FRONT_MATTER + BODY });
    for (const r of await Promise.all([checkCorpus(['--dir', dir]), checkCorpus([`--dir=${dir}`])])) {
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.stdout, /^ +TEST +sources\/test\.md: 1 passages, 1 quotations$/m);
      assert.match(r.stdout, /^OK: 1 source, 1 passages, 1 quotations\.$/m);
    }
  });

  it('each kind of bad corpus: a CorpusError naming the file and the reason (checkCorpus in this process)', () => {
    for (const [name, [dir, file, reason]] of badCorpora()) {
      assert.throws(
        () => checkCorpusHere(dir),
        (err: unknown) => err instanceof CorpusError && file.test(err.message) && reason.test(err.message),
        name,
      );
    }
  });

  it('bad corpora as a child process: exit 1, and one line naming the file and the reason', async () => {
    // Every kind is checked in this process above; as a child, one of each family: a file, a field, the tables.
    const wanted = ['an unreadable file (a dangling link)', 'a duplicate source id', 'a broken word-vector file'];
    const cases = [...badCorpora()].filter(([name]) => wanted.includes(name));
    assert.equal(cases.length, wanted.length);
    const results = await pool(cases, 2, ([, [dir]]) => checkCorpus(['--dir', dir]));
    cases.forEach(([name, [dir, file, reason]], k) => {
      const r = results[k] as Result;
      assert.equal(r.code, 1, `${name}: exit ${r.code}\n${r.stdout}${r.stderr}`);
      assert.equal(r.stdout, '', `${name}: nothing on standard output`);
      assert.ok(r.stderr.startsWith(`Corpus error in ${dir}: `), `${name}: the line npm start prints too: ${r.stderr}`);
      assert.match(r.stderr, file, `${name}: names the file: ${r.stderr}`);
      assert.match(r.stderr, reason, `${name}: gives the reason: ${r.stderr}`);
      assert.equal(r.stderr.trim().split('\n').length, 1, `${name}: one line, no stack: ${r.stderr}`);
    });
  });

  it('a file that makes more passages than one article is flagged by checkCorpus and, at every load, by the engine', () => {
    const site = Array.from({ length: MAX_ARTICLE_PASSAGES + 1 }, (_, k) => `Item ${k} of the feed: the talks in Oman went on.`).join('\n\n');
    const dir = tempCorpus({ 'a.md': GOOD_FRONT_MATTER + BODY, 'site.md': other('SITE') + site });
    const { sources, warnings } = checkCorpusHere(dir);
    assert.deepEqual(sources.map((s) => s.passages), [1, MAX_ARTICLE_PASSAGES + 1]);
    assert.deepEqual(warnings, [`sources/site.md makes ${MAX_ARTICLE_PASSAGES + 1} passages, more than one article makes (${MAX_ARTICLE_PASSAGES}): it is probably several articles or a whole site; split it into one file per article`]);
    const heard: string[] = [];
    builtEngine(dir, (m) => heard.push(m));
    assert.deepEqual(heard, warnings);
    assert.deepEqual(checkCorpusHere(tempCorpus({ 'a.md': GOOD_FRONT_MATTER + BODY })).warnings, []);
  });

  it('a bad argument: exit 2 with the usage', async () => {
    for (const r of await Promise.all([checkCorpus(['--bogus']), checkCorpus(['--dir'])])) {
      assert.equal(r.code, 2, r.stderr);
      assert.match(r.stderr, /usage: npm run check-corpus/);
    }
  });
});
