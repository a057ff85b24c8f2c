/**
 * One colour per source, the same in every command: the colour its front matter gives
 * (`colour: "#1f618d"`), else one of a fallback palette chosen by its id, so that it is still
 * stable from message to message.
 */
import type { SourceMeta } from '../corpus/load.ts';

/** For messages that are about no one source (help, differences). */
export const NEUTRAL_COLOUR = 0x5d6d7e;

const FALLBACK = [0x117a65, 0x7d3c98, 0xb9770e, 0x2e4053, 0xa04000, 0x1a5276] as const;

export function colourOf(meta: Pick<SourceMeta, 'id' | 'colour'>): number {
  if (meta.colour) return parseInt(meta.colour.slice(1), 16);
  let h = 0;
  for (const ch of meta.id) h = (h * 31 + ch.charCodeAt(0)) >>> 0;
  return FALLBACK[h % FALLBACK.length] ?? NEUTRAL_COLOUR;
}
