import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { ConfigError, DEFAULT_API_URL, loadCorpusDir, parseConfig } from '../../src/config.ts';
import { DEFAULT_CORPUS_DIR } from '../../src/corpus/load.ts';

const TOKEN = 'fake-token-not-real-abcdefghijklmnop';
const ID = '1364000000000000001';

function fails(env: Record<string, string>, variable: string, fix: RegExp): void {
  assert.throws(
    () => parseConfig(env),
    (err: unknown) => err instanceof ConfigError && err.variable === variable && err.message.startsWith(variable) && fix.test(err.message),
  );
}

describe('parseConfig', () => {
  it('no token → console mode with defaults', () => {
    assert.deepEqual(parseConfig({}), { apiUrl: DEFAULT_API_URL, logLevel: 'info' });
  });

  it('empty values count as absent (a copied .env.example)', () => {
    assert.deepEqual(parseConfig({ DISCORD_TOKEN: '', DISCORD_CLIENT_ID: '', DISCORD_GUILD_ID: ' ', DISCORD_API_URL: '', LOG_LEVEL: '' }), {
      apiUrl: DEFAULT_API_URL,
      logLevel: 'info',
    });
  });

  it('a full bot configuration', () => {
    assert.deepEqual(parseConfig({ DISCORD_TOKEN: TOKEN, DISCORD_CLIENT_ID: ID, DISCORD_GUILD_ID: '1364000000000000100', DISCORD_API_URL: 'http://127.0.0.1:9/api/', LOG_LEVEL: 'DEBUG', LOG_FILE: 'logs/bot.log ' }), {
      discordToken: TOKEN,
      clientId: ID,
      guildId: '1364000000000000100',
      apiUrl: 'http://127.0.0.1:9/api',
      logLevel: 'debug',
      logFile: 'logs/bot.log',
    });
  });

  it('names the variable and the fix for each bad value', () => {
    fails({ DISCORD_TOKEN: TOKEN }, 'DISCORD_CLIENT_ID', /required when DISCORD_TOKEN is set: copy the Application ID/);
    fails({ DISCORD_TOKEN: TOKEN, DISCORD_CLIENT_ID: 'my-app' }, 'DISCORD_CLIENT_ID', /numeric Discord id/);
    fails({ DISCORD_GUILD_ID: '12' }, 'DISCORD_GUILD_ID', /Copy Server ID/);
    fails({ DISCORD_API_URL: 'discord.com' }, 'DISCORD_API_URL', /http\(s\) URL/);
    fails({ DISCORD_API_URL: 'ftp://example.com/api' }, 'DISCORD_API_URL', /http\(s\) URL/);
    fails({ LOG_LEVEL: 'loud' }, 'LOG_LEVEL', /one of debug, info, warn, error, silent/);
  });

  it('never puts the token in the message', () => {
    const secret = 'my real secret token';
    assert.throws(
      () => parseConfig({ DISCORD_TOKEN: secret, DISCORD_CLIENT_ID: ID }),
      (err: unknown) => err instanceof ConfigError && err.variable === 'DISCORD_TOKEN' && !err.message.includes(secret) && /Reset Token/.test(err.message),
    );
  });

  it('CORPUS_DIR: an archive folder outside the project, made absolute; a folder without sources/ or no folder is named with the fix', () => {
    const archive = mkdtempSync(join(tmpdir(), 'archive-'));
    mkdirSync(join(archive, 'sources'));
    assert.equal(parseConfig({ CORPUS_DIR: archive }).corpusDir, archive);
    assert.equal(parseConfig({ CORPUS_DIR: relative(process.cwd(), archive) }).corpusDir, archive);
    assert.equal(parseConfig({ CORPUS_DIR: '' }).corpusDir, undefined);
    const empty = mkdtempSync(join(tmpdir(), 'archive-'));
    fails({ CORPUS_DIR: empty }, 'CORPUS_DIR', /has no sources\/ folder: give the folder that holds the archive's sources\//);
    writeFileSync(join(empty, 'file.md'), 'x');
    fails({ CORPUS_DIR: join(empty, 'file.md') }, 'CORPUS_DIR', /is not a folder: .*remove the line to use corpus\//);
    fails({ CORPUS_DIR: join(empty, 'nowhere') }, 'CORPUS_DIR', /is not a folder/);
  });

  it('loadCorpusDir reads CORPUS_DIR alone (a bad Discord setting does not stop the tools), default corpus/', () => {
    const archive = mkdtempSync(join(tmpdir(), 'archive-'));
    mkdirSync(join(archive, 'sources'));
    assert.equal(loadCorpusDir({ CORPUS_DIR: archive, LOG_LEVEL: 'loud' }), archive);
    assert.equal(loadCorpusDir({}), DEFAULT_CORPUS_DIR);
    assert.throws(() => loadCorpusDir({ CORPUS_DIR: join(archive, 'nowhere') }), (err: unknown) => err instanceof ConfigError && err.variable === 'CORPUS_DIR');
  });
});

describe('SHARD_COUNT and SHARD_IDS', () => {
  it('a list, a range or both; SHARD_COUNT alone is every shard; a shard of start:sharded leaves them to its manager', () => {
    assert.deepEqual(parseConfig({ SHARD_COUNT: '4', SHARD_IDS: '0,1' }).shards, { count: 4, ids: [0, 1] });
    assert.deepEqual(parseConfig({ SHARD_COUNT: '4', SHARD_IDS: '0-3' }).shards, { count: 4, ids: [0, 1, 2, 3] });
    assert.deepEqual(parseConfig({ SHARD_COUNT: '8', SHARD_IDS: ' 6, 2-3,2 ' }).shards, { count: 8, ids: [2, 3, 6] });
    assert.deepEqual(parseConfig({ SHARD_COUNT: '3' }).shards, { count: 3, ids: [0, 1, 2] });
    assert.equal(parseConfig({ SHARD_COUNT: '', SHARD_IDS: '' }).shards, undefined);
    assert.equal(parseConfig({ SHARD_COUNT: '2', SHARD_IDS: '1', SHARDING_MANAGER: 'true' }).shards, undefined);
  });

  it('names the variable and the fix for each bad value', () => {
    fails({ SHARD_IDS: '0' }, 'SHARD_IDS', /needs SHARD_COUNT/);
    fails({ SHARD_COUNT: '0' }, 'SHARD_COUNT', /whole number from 1/);
    fails({ SHARD_COUNT: 'two' }, 'SHARD_COUNT', /whole number from 1/);
    fails({ SHARD_COUNT: '2', SHARD_IDS: '0-2' }, 'SHARD_IDS', /SHARD_COUNT 2 does not have \(ids run from 0 to 1\)/);
    fails({ SHARD_COUNT: '4', SHARD_IDS: '3-1' }, 'SHARD_IDS', /a list \(0,1\) or a range \(0-3\)/);
    fails({ SHARD_COUNT: '4', SHARD_IDS: 'all' }, 'SHARD_IDS', /a list \(0,1\) or a range \(0-3\)/);
  });
});
