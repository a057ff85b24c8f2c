import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createLogger, redact } from '../../src/log.ts';

describe('logger', () => {
  it('redacts registered secrets and token-shaped strings, stacks included', () => {
    const lines: string[] = [];
    const secret = 'fake-token-not-real-0123456789';
    const log = createLogger('debug', [secret], (l) => lines.push(l));
    log.error(`login failed with ${secret}`, new Error(`bad token ${secret}`));
    assert.equal(lines.length, 1);
    assert.ok(!lines[0]?.includes(secret));
    assert.ok(lines[0]?.includes('[redacted]'));
    const shaped = 'MTM2NDAwMDAwMDAwMDAwMDAwMQ.GabcdE.abcdefghijklmnopqrstuvwxyz0123456789';
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
});
