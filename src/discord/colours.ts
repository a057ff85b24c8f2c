/**
 * One colour per source, the same in every command. A source missing here gets a colour from
 * the fallback palette chosen by its id, so it is still stable from message to message.
 */
export const SOURCE_COLOURS: Readonly<Record<string, number>> = {
  NEO: 0xb03a2e, // brick red
  RSIS: 0x1f618d, // blue
};

/** For messages that are about no one source (help, differences). */
export const NEUTRAL_COLOUR = 0x5d6d7e;

const FALLBACK = [0x117a65, 0x7d3c98, 0xb9770e, 0x2e4053] as const;

export function colourOf(source: string): number {
  const known = SOURCE_COLOURS[source];
  if (known !== undefined) return known;
  let h = 0;
  for (const ch of source) h = (h * 31 + ch.charCodeAt(0)) >>> 0;
  return FALLBACK[h % FALLBACK.length] ?? NEUTRAL_COLOUR;
}
