import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLogger, logWriter, redact } from '../../src/log.ts';

const parse = (lines: string[]): Record<string, unknown>[] => lines.map((l) => JSON.parse(l) as Record<string, unknown>);

describe('logger', () => {
  it('redacts registered secrets and token-shaped strings, stacks included', () => {
    const lines: string[] = [];
    const secret = 'fake-token-not-real-0123456789';
    const log = createLogger('debug', [secret], (l) => lines.push(l));
    log.error(`login failed with ${secret}`, new Error(`bad token ${secret}`));
    assert.equal(lines.length, 1);
    assert.ok(!lines[0]?.includes(secret));
    assert.ok(lines[0]?.includes('[redacted]'));
    // Built from parts so that no token-shaped literal is committed.
    const shaped = ['MTM2NDAwMDAwMDAwMDAwMDAwMQ', 'GabcdE', 'abcdefghijklmnopqrstuvwxyz0123456789'].join('.');
    assert.equal(redact(`token ${shaped}`), 'token [redacted]');
  });

  it('drops lines below the level', () => {
    const lines: string[] = [];
    const log = createLogger('warn', [], (l) => lines.push(l));
    log.debug('d');
    log.info('i');
    log.warn('w');
    assert.equal(lines.length, 1);
    createLogger('silent', [], (l) => lines.push(l)).error('e');
    assert.equal(lines.length, 1);
  });

  it('writes one JSON object a line: level name, ISO time, message, the fields, the error with its stack', () => {
    const lines: string[] = [];
    const log = createLogger('debug', [], (l) => lines.push(l));
    log.info('interaction', { command: 'ask', user: '1364000000000000300', latencyMs: 4, outcome: 'ok' });
    log.error('failed', new TypeError('boom'), { command: 'quote' });
    log.warn('odd', 'a plain string reason');
    assert.ok(lines.every((l) => !l.includes('\n')), 'one line each');
    const [info, error, warn] = parse(lines);
    assert.deepEqual({ ...info, time: undefined }, { level: 'info', time: undefined, msg: 'interaction', command: 'ask', user: '1364000000000000300', latencyMs: 4, outcome: 'ok' });
    assert.match(String(info?.time), /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    assert.equal(error?.level, 'error');
    assert.equal(error?.command, 'quote');
    const err = error?.err as Record<string, unknown>;
    assert.equal(err.type, 'TypeError');
    assert.equal(err.message, 'boom');
    assert.match(String(err.stack), /TypeError: boom\n\s+at /);
    assert.deepEqual(warn?.err, { message: 'a plain string reason' });
  });

  it('censors credential fields wherever they sit: token, authorization headers', () => {
    const lines: string[] = [];
    const log = createLogger('debug', [], (l) => lines.push(l));
    log.info('request', { headers: { authorization: 'Bot abc.def.ghi', accept: 'json' }, token: 'tok-123456', request: { headers: { Authorization: 'Bot x' } } });
    log.warn('failed', Object.assign(new Error('401'), { headers: { authorization: 'Bot abc' } }));
    const [a, b] = parse(lines);
    assert.deepEqual(a?.headers, { authorization: '[redacted]', accept: 'json' });
    assert.equal(a?.token, '[redacted]');
    assert.deepEqual((a?.request as Record<string, unknown>).headers, { Authorization: '[redacted]' });
    assert.deepEqual((b?.err as Record<string, unknown>).headers, { authorization: '[redacted]' });
  });

  it('cuts interaction and webhook tokens out of Discord API URLs', () => {
    assert.equal(
      redact('POST http://127.0.0.1:1/api/v10/interactions/1364000000000000001/aW50ZXJhY3Rpb246MTIz/callback?with_response=false'),
      'POST http://127.0.0.1:1/api/v10/interactions/1364000000000000001/[redacted]/callback?with_response=false',
    );
    assert.equal(redact('PATCH /webhooks/1364000000000000001/aW50ZXJhY3Rpb24/messages/@original'), 'PATCH /webhooks/1364000000000000001/[redacted]/messages/@original');
  });

  it('a secret that JSON escapes is redacted as written in the line too', () => {
    const lines: string[] = [];
    const secret = 'tok"en\\with-quotes-0123456789';
    createLogger('debug', [secret], (l) => lines.push(l)).info(`the secret ${secret}`, { also: secret });
    assert.ok(!lines[0]?.includes(JSON.stringify(secret).slice(1, -1)), lines[0]);
    assert.deepEqual(parse(lines)[0]?.also, '[redacted]');
  });
});

describe('logWriter (LOG_FILE)', () => {
  it('appends each line to the file, creating its folder, and names LOG_FILE when it cannot open it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'log-file-'));
    const file = join(dir, 'nested', 'bot.log');
    const write = logWriter(file);
    const original = process.stderr.write.bind(process.stderr);
    process.stderr.write = () => true;
    try {
      write('{"msg":"one"}');
      write('{"msg":"two"}');
    } finally {
      process.stderr.write = original;
    }
    assert.equal(readFileSync(file, 'utf8'), '{"msg":"one"}\n{"msg":"two"}\n');
    const notAFolder = join(dir, 'plain');
    writeFileSync(notAFolder, '');
    assert.throws(() => logWriter(join(notAFolder, 'bot.log')), /^Error: LOG_FILE .* cannot be opened for writing/);
  });
});
