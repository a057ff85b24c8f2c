/**
 * assertWithinDiscordLimits(body): every limit Discord enforces on a message or autocomplete
 * answer, checked on a REST body the bot sent (an interaction callback {type, data} or a
 * webhook message body).
 */
import assert from 'node:assert/strict';
import type { RecordedRequest } from '../fake-discord/index.ts';

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string => (typeof v === 'string' ? v : '');
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

/** The message (or autocomplete data) a request carries. */
export function messageOf(r: RecordedRequest | undefined): Json {
  assert.ok(r, 'expected a recorded request');
  assert.ok(isObject(r.body), `expected a JSON body on ${r.method} ${r.path}`);
  if (r.path.endsWith('/callback')) return isObject(r.body.data) ? r.body.data : {};
  return r.body;
}

function assertEmbed(e: unknown, where: string): number {
  assert.ok(isObject(e), `${where}: embed is an object`);
  const title = str(e.title);
  const description = str(e.description);
  const footer = isObject(e.footer) ? str(e.footer.text) : '';
  const author = isObject(e.author) ? str(e.author.name) : '';
  assert.ok(title.length <= 256, `${where}: title ${title.length} > 256`);
  assert.ok(description.length <= 4096, `${where}: description ${description.length} > 4096`);
  assert.ok(footer.length <= 2048, `${where}: footer ${footer.length} > 2048`);
  assert.ok(author.length <= 256, `${where}: author name ${author.length} > 256`);
  const fields = arr(e.fields);
  assert.ok(fields.length <= 25, `${where}: ${fields.length} fields > 25`);
  let total = title.length + description.length + footer.length + author.length;
  fields.forEach((f, k) => {
    assert.ok(isObject(f), `${where}: field ${k} is an object`);
    const name = str(f.name);
    const value = str(f.value);
    assert.ok(name.length >= 1 && name.length <= 256, `${where}: field ${k} name length ${name.length}`);
    assert.ok(value.length >= 1 && value.length <= 1024, `${where}: field ${k} value length ${value.length}`);
    total += name.length + value.length;
  });
  if (e.color !== undefined) assert.ok(Number.isInteger(e.color) && Number(e.color) >= 0 && Number(e.color) <= 0xffffff, `${where}: colour`);
  return total;
}

/** Checks a callback/webhook body against Discord's limits; returns the message data checked. */
export function assertWithinDiscordLimits(body: unknown, where = 'message'): void {
  assert.ok(isObject(body), `${where}: body is an object`);
  const data = 'type' in body && isObject(body.data) ? body.data : body;
  const choices = arr(data.choices);
  if (Array.isArray(data.choices)) {
    assert.ok(choices.length <= 25, `${where}: ${choices.length} choices > 25`);
    for (const c of choices) {
      assert.ok(isObject(c));
      const name = str(c.name);
      assert.ok(name.length >= 1 && name.length <= 100, `${where}: choice name length ${name.length}: ${name}`);
      if (typeof c.value === 'string') assert.ok(c.value.length >= 1 && c.value.length <= 100, `${where}: choice value length ${c.value.length}`);
    }
    return;
  }
  const content = str(data.content);
  assert.ok(content.length <= 2000, `${where}: content ${content.length} > 2000`);
  const embeds = arr(data.embeds);
  assert.ok(embeds.length <= 10, `${where}: ${embeds.length} embeds > 10`);
  const total = embeds.reduce<number>((n, e, k) => n + assertEmbed(e, `${where} embed ${k}`), 0);
  assert.ok(total <= 6000, `${where}: embeds total ${total} > 6000`);
  const rows = arr(data.components);
  assert.ok(rows.length <= 5, `${where}: ${rows.length} action rows > 5`);
  const ids = new Set<string>();
  for (const row of rows) {
    assert.ok(isObject(row) && row.type === 1, `${where}: top-level component is an action row`);
    const buttons = arr(row.components);
    assert.ok(buttons.length >= 1 && buttons.length <= 5, `${where}: ${buttons.length} buttons in a row`);
    for (const b of buttons) {
      assert.ok(isObject(b));
      const id = str(b.custom_id);
      assert.ok(id.length >= 1 && id.length <= 100, `${where}: custom_id length ${id.length}`);
      assert.ok(!ids.has(id), `${where}: custom_id ${id} is not unique`);
      ids.add(id);
      assert.ok(str(b.label).length <= 80, `${where}: button label too long`);
    }
  }
  assert.ok(content.length > 0 || embeds.length > 0 || !('content' in data || 'embeds' in data) || rows.length > 0, `${where}: empty message`);
}
