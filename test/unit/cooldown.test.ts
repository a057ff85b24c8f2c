import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { cooldownMessage, Cooldowns } from '../../src/discord/cooldown.ts';

describe('Cooldowns', () => {
  it('lets the first use through, then says how long is left, then lets through again', () => {
    let now = 1000;
    const c = new Cooldowns(() => now);
    assert.equal(c.take('ask:1', 3000), 0);
    now += 1200;
    assert.equal(c.take('ask:1', 3000), 1800);
    assert.equal(c.take('ask:2', 3000), 0, 'another user is not slowed');
    assert.equal(c.take('quote:1', 3000), 0, 'another command is not slowed');
    now += 1800;
    assert.equal(c.take('ask:1', 3000), 0);
  });

  it('a zero cooldown never blocks', () => {
    const c = new Cooldowns(() => 0);
    assert.equal(c.take('help:1', 0), 0);
    assert.equal(c.take('help:1', 0), 0);
  });

  it('rounds the message up to whole seconds', () => {
    assert.equal(cooldownMessage(1800), "You're going a bit fast: try again in 2 s.");
    assert.equal(cooldownMessage(10), "You're going a bit fast: try again in 1 s.");
  });
});
