/**
 * Quotation extraction at ingestion: every "…" in a passage (the cleaner has already turned
 * curly quotes and «guillemets» into straight double quotes), with its speaker and role.
 *
 * - Quotes split by their attribution ("However," he cautioned, "it won't be easy.") are one
 *   quotation; so are two quotes around "X said." between them.
 * - A short Title Case quote right after a speech verb is a name (wrote «Tehran Times»): it is
 *   kept as a term and names the speaker.
 * - The speaker comes from the attribution after the quote (", a Tehran source stated"), else
 *   from the subject of the last speech verb before it in the sentence (X said / told /
 *   described … as / announced that …). "he" and "she" are the last person named; a role alone
 *   ("the foreign minister") is that person too. Speakers are canonical names from the alias
 *   table (Whitcoff → Steve Witkoff); an unnamed one is its noun phrase ("Tehran source").
 * - Quotes of three words or fewer are terms (scare quotes), longer ones statements.
 */
import type { Document, Passage } from '../corpus/chunk.ts';
import type { Analyzer } from './analyzer.ts';
import type { Quotation } from './types.ts';

const SPEECH_VERB =
  /\b(?:said|says|say|saying|told|tell|telling|stated|states|stating|wrote|writes|writing|declared|declares|declaring|described|describes|describing|characteri[sz]ed|announced|announces|announcing|claimed|claims|claiming|threatened|threatening|explained|explaining|cautioned|warned|warning|noted|noting|added|emphasi[sz]ed|stressed|directed|urged|asked|replied|insisted|argued|called|speaking|spoke)\b/gi;
const PREPOSITIONS = new Set(['under', 'with', 'to', 'of', 'from', 'by', 'via', 'on', 'in', 'at', 'for', 'against', 'during', 'about', 'after', 'before', 'toward', 'towards', 'into', 'over']);
const FILLERS = new Set(['also', 'repeatedly', 'reportedly', 'has', 'had', 'have', 'was', 'were', 'is', 'then', 'later', 'once', 'again', 'publicly', 'recently', 'had', 'who', 'which', 'and']);
const ROLE_WORDS = /\b(?:minister|president|spokes(?:wo)?man|spokesperson|envoy|leader|secretary|ambassador|general|chief|official|negotiator|diplomat|expert|analyst|adviser|advisor|commander)\b/i;
const PRONOUN = /^(?:he|she|his|her)$/i;
const ROLE_STOP = new Set(['as', 'the', 'a', 'an', 'by', 'and', 'with', 'from', 'that', 'of', 'to', 'for', 'under', 'said', 'told', 'who', 'in', 'on', 'at']);
const TERM_MAX_WORDS = 3;

interface Mark {
  readonly start: number; // of the opening "
  readonly end: number; // after the closing "
  readonly inner: string;
}

interface Entity {
  readonly name: string;
  readonly kind: string;
  readonly start: number;
  readonly end: number;
}

interface Resolved {
  readonly speaker: string | null;
  readonly role: string | null;
}

const wordCount = (s: string): number => s.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;

/**
 * The parts of a quotation split by its attribution, as one text. A comma that closed a part
 * before "he explained" ends a sentence when the next part starts one: “… the substance,” he
 * explained. “If we …” → "… the substance. If we …"; “However,” he cautioned, “it won't …” keeps it.
 */
export function joinParts(parts: readonly string[]): string {
  return parts.reduce((text, part) => (text === '' ? part : /^\p{Lu}/u.test(part) && !/^I\b/.test(part) ? `${text.replace(/,$/, '.')} ${part}` : `${text} ${part}`), '');
}

function marks(text: string): Mark[] {
  const out: Mark[] = [];
  for (const m of text.matchAll(/"([^"\n]+)"/g)) out.push({ start: m.index, end: m.index + m[0].length, inner: m[1] ?? '' });
  return out;
}

/** A quoted name after a speech verb: wrote "Tehran Times". */
function isQuotedName(text: string, mark: Mark): boolean {
  const words = mark.inner.split(/\s+/);
  return (
    words.length <= 4 &&
    words.every((w) => /^\p{Lu}/u.test(w)) &&
    !/[,.!?]$/.test(mark.inner) &&
    /\b(?:wrote|told|said|according to|reported)\s*$/i.test(text.slice(Math.max(0, mark.start - 30), mark.start))
  );
}

export class QuotationExtractor {
  constructor(private readonly analyzer: Analyzer) {}

  /** Named people, bodies and places in a text, with their canonical names. */
  entities(text: string): Entity[] {
    const out: Entity[] = [];
    for (const t of this.analyzer.analyze(text)) {
      const kind = t.alias ? this.analyzer.kinds.get(t.term) : undefined;
      if (kind && kind !== 'term') out.push({ name: this.analyzer.canonical.get(t.term) ?? t.source, kind, start: t.start, end: t.end });
    }
    // Capitalised runs of two or more words the alias table does not know ("Wendy Sherman"),
    // and bodies named with a possessive place ("Iran's Foreign Ministry").
    for (const m of text.matchAll(/\b(?:\p{Lu}\p{Ll}+'s\s+)?\p{Lu}\p{Ll}+(?:\s+(?:of\s+)?\p{Lu}\p{Ll}+)+\b/gu)) {
      const end = m.index + m[0].length;
      const possessive = /^\p{Lu}\p{Ll}+'s\s/u.test(m[0]);
      const overlapping = out.filter((e) => e.start < end && m.index < e.end);
      if (possessive && overlapping.every((e) => e.kind === 'place' && e.start === m.index)) {
        for (const e of overlapping) out.splice(out.indexOf(e), 1);
        out.push({ name: m[0], kind: 'org', start: m.index, end });
        continue;
      }
      const start = possessive ? m.index + m[0].indexOf(' ') + 1 : m.index;
      if (out.some((e) => e.start < end && start < e.end)) continue;
      out.push({ name: text.slice(start, end), kind: /\b(?:Ministry|Office|Council|Agency|Department|Times|Media)\b/.test(m[0]) ? 'org' : 'person?', start, end });
    }
    return out.sort((a, b) => a.start - b.start);
  }

  /** Role words just before a name ("Iranian Foreign Minister", "government spokeswoman") or an appositive after it. */
  private roleAround(text: string, e: Entity): string | null {
    const before = text.slice(0, e.start).trimEnd().split(/\s+/);
    const role: string[] = [];
    for (let i = before.length - 1; i >= 0 && role.length < 4; i--) {
      const w = before[i] ?? '';
      if (!w || /[,.;:"]$/.test(w) || ROLE_STOP.has(w.toLowerCase())) break;
      role.unshift(w);
    }
    const title = role.filter((w) => w !== 'Ayatollah').join(' ');
    if (ROLE_WORDS.test(title)) return title;
    const after = /^,\s+(?:(?:a|an|the)\s+)?([^,;"—]{3,90}?)(?=\s*(?:[,;—]|(?<!(?:^|[\s.])\p{L})\.(?:\s|$)|$)|\s+(?:described|said|told|announced|stated)\b)/u.exec(text.slice(e.end));
    if (after?.[1] && (ROLE_WORDS.test(after[1]) || /^(?:former|chief|head)\b/.test(after[1]))) return after[1].trim();
    return null;
  }

  /** The subject before a speech verb: `text` ends just before the verb. */
  private subject(text: string, people: readonly Entity[], full: string, offset: number): Resolved | null {
    // Drop parentheticals: " — … — ", "( … )" and ", speaking to NBC,".
    let clause = text.replace(/\s—[^—]*—\s*/g, ' ').replace(/\([^)]*\)/g, ' ').replace(/,\s+\p{Ll}+ing\b[^,]*,/gu, ' ');
    clause = clause.replace(/\s+/g, ' ').trimEnd();
    const words = clause.split(' ');
    while (words.length > 0 && FILLERS.has((words[words.length - 1] ?? '').toLowerCase().replace(/,$/, ''))) {
      const w = words.pop() ?? '';
      if (w.toLowerCase() === 'who' || w.toLowerCase() === 'which') break;
    }
    const tail = words.join(' ').replace(/,$/, '');
    const last = words[words.length - 1] ?? '';
    if (PRONOUN.test(last)) return this.lastPerson(people, offset);
    const ents = this.entities(tail);
    const lastEnt = ents[ents.length - 1];
    if (lastEnt && tail.slice(lastEnt.end).trim() === '') {
      const prev = /(\S+)\s*$/.exec(tail.slice(0, lastEnt.start))?.[1]?.toLowerCase() ?? '';
      if (!PREPOSITIONS.has(prev)) return this.named(lastEnt, tail);
    }
    // A noun phrase back to a comma or the clause start: "A source familiar with the matter".
    const np = /(?:^|,\s*)((?:(?:a|an|the)\s+)?[^,]{2,60})$/i.exec(tail)?.[1]?.trim();
    if (np && wordCount(np) <= 7 && !/^(?:after|before|when|while|as|if|but)\b/i.test(np)) {
      const npEnts = this.entities(np);
      const label = np.replace(/^(?:a|an|the)\s+/i, '');
      const first = npEnts[0];
      if (first && first.kind !== 'place' && first.kind !== 'term' && npEnts.length === 1 && first.end === np.length) {
        return this.named(first, np);
      }
      if (ROLE_WORDS.test(label) && npEnts.length === 0 && wordCount(label) <= 3) {
        return { speaker: this.lastPerson(people, offset)?.speaker ?? null, role: label };
      }
      if (/^\p{Lu}/u.test(label) || /\b(?:source|ministry|official|statement|spokes\w*)\b/i.test(label)) return { speaker: label, role: null };
    }
    // The first person of the clause ("Wendy Sherman, former …, described him as").
    const person = this.entities(clause).find((e) => e.kind === 'person' || e.kind === 'person?');
    if (person) return this.named(person, clause);
    if (/\b(?:he|his|she|her)\b/i.test(full)) return this.lastPerson(people, offset);
    return null;
  }

  private named(e: Entity, text: string): Resolved {
    return { speaker: e.name, role: e.kind === 'person' || e.kind === 'person?' ? this.roleAround(text, e) : null };
  }

  private lastPerson(people: readonly Entity[], offset: number): Resolved | null {
    const p = [...people].reverse().find((e) => e.end <= offset && (e.kind === 'person' || e.kind === 'person?'));
    return p ? { speaker: p.name, role: null } : null;
  }

  /** The attribution right after a quote: `, a Tehran source stated.` / ` said X, a role.` / ` he explained.` */
  private attributionAfter(after: string, people: readonly Entity[], offset: number): Resolved | null {
    const m = /^\s*,?\s*([^".!?]{0,80}?)\s*[,.]?\s*$/.exec(after);
    const clause = m?.[1]?.trim() ?? '';
    if (!clause || wordCount(clause) > 12) return null;
    const verbFirst = /^(said|wrote|stated|added|explained|cautioned|noted|declared|told)\s+(.+)$/i.exec(clause);
    if (verbFirst?.[2]) {
      const rest = verbFirst[2];
      const ents = this.entities(rest);
      const first = ents[0];
      if (first && first.start === 0) {
        const role = /^,\s+(?:a|an|the)?\s*(.+)$/.exec(rest.slice(first.end))?.[1]?.trim() ?? null;
        return { speaker: first.name, role };
      }
      if (PRONOUN.test(rest)) return this.lastPerson(people, offset);
      return { speaker: rest.replace(/^(?:a|an|the)\s+/i, ''), role: null };
    }
    const verbLast = /^(.+?)\s+(said|wrote|stated|added|explained|cautioned|noted|declared|told \S+)$/i.exec(clause);
    if (verbLast?.[1]) {
      const subject = verbLast[1];
      if (PRONOUN.test(subject)) return this.lastPerson(people, offset);
      const ents = this.entities(subject);
      const e = ents[ents.length - 1];
      if (e && e.end === subject.length && wordCount(subject.slice(0, e.start)) === 0) return this.named(e, subject);
      return { speaker: subject.replace(/^(?:a|an|the)\s+/i, ''), role: null };
    }
    return null;
  }

  /** Every quotation of a document. */
  extract(doc: Document): Quotation[] {
    const out: Quotation[] = [];
    if (!doc.text.includes('"')) return out;
    const people = this.entities(doc.text).filter((e) => e.kind === 'person' || e.kind === 'person?');
    for (const passage of doc.passages) {
      const text = passage.text;
      const all = marks(text);
      const names = new Set(all.filter((m) => isQuotedName(text, m)));
      let i = 0;
      while (i < all.length) {
        const first = all[i] as Mark;
        const parts: Mark[] = [first];
        let j = i + 1;
        if (!names.has(first)) {
          // Join the next quote when only an attribution stands between them.
          while (j < all.length) {
            let k = j;
            while (k < all.length && names.has(all[k] as Mark)) k++;
            const next = all[k];
            const prev = parts[parts.length - 1] as Mark;
            if (!next) break;
            const between = text.slice(prev.end, next.start).replace(/"[^"]*"/g, 'NAME');
            const attribution = wordCount(between) <= 10 && /[,.]\s*$/.test(between) && new RegExp(SPEECH_VERB.source, 'i').test(between);
            if (!attribution || !/[,.!?]$/.test(prev.inner) && !/^\s*,/.test(between)) break;
            parts.push(next);
            j = k + 1;
          }
        }
        const last = parts[parts.length - 1] as Mark;
        const joined = joinParts(parts.map((p) => p.inner));
        const offset = passage.start + first.start;
        const resolved = names.has(first) ? { speaker: null, role: null } : this.speakerOf(passage, first, last, parts.length > 1, people);
        out.push({
          id: `${doc.meta.id}-q${out.length}`,
          source: doc.meta.id,
          passageId: passage.id,
          text: joined,
          speaker: resolved?.speaker ?? null,
          role: resolved?.role ?? null,
          kind: wordCount(joined) <= TERM_MAX_WORDS ? 'term' : 'statement',
          start: offset,
          end: passage.start + last.end,
          context: this.context(passage, first.start, last.end),
        });
        if (parts.length > 1) {
          for (const m of all.slice(i + 1, j)) {
            if (!names.has(m)) continue;
            out.push({
              id: `${doc.meta.id}-q${out.length}`,
              source: doc.meta.id,
              passageId: passage.id,
              text: m.inner,
              speaker: null,
              role: null,
              kind: 'term',
              start: passage.start + m.start,
              end: passage.start + m.end,
              context: this.context(passage, m.start, m.end),
            });
          }
        }
        i = parts.length > 1 ? j : i + 1;
      }
    }
    return out;
  }

  private speakerOf(passage: Passage, first: Mark, last: Mark, joined: boolean, people: readonly Entity[]): Resolved | null {
    const text = passage.text;
    const offset = passage.start + first.start;
    const sentence = passage.sentences.find((s) => s.start <= first.start && first.start < s.end) ?? { start: 0, end: text.length };
    if (joined) {
      const second = text.slice(first.end, text.indexOf('"', first.end + 1));
      const r = this.attributionAfter(second.replace(/"[^"]*"/g, ''), people, offset);
      const quotedName = /"([^"]+)"/.exec(text.slice(first.end, last.start))?.[1];
      if (quotedName) return { speaker: quotedName, role: null };
      if (r) return r;
    } else {
      const sentenceEnd = passage.sentences.find((s) => s.start <= last.end - 1 && last.end - 1 < s.end)?.end ?? text.length;
      const after = text.slice(last.end, sentenceEnd);
      if (/^\s*,?\s*(?:\p{Ll}|a\s|an\s|the\s|he\s|she\s)/u.test(after) || /^\s*,/.test(after)) {
        const quotedName = /^\s*,?\s*(?:wrote|said|told|reported)\s+"([^"]+)"/i.exec(after)?.[1];
        if (quotedName) return { speaker: quotedName, role: null };
        const r = this.attributionAfter(after, people, offset);
        if (r) return r;
      }
    }
    const before = text.slice(sentence.start, first.start);
    const verbs = [...before.matchAll(SPEECH_VERB)];
    // A participle ("while warning", "telling U.S. media") shares the subject of the verb before it.
    const finite = verbs.filter((v) => !/ing$/i.test(v[0]));
    let verb = verbs[verbs.length - 1];
    if (verb && /ing$/i.test(verb[0]) && finite.length > 0) verb = finite[finite.length - 1];
    if (!verb) return null;
    return this.subject(before.slice(0, verb.index), people, before, offset);
  }

  private context(passage: Passage, from: number, to: number): string {
    const spans = passage.sentences.filter((s) => s.end > from && s.start < to);
    const a = spans[0]?.start ?? 0;
    const b = spans[spans.length - 1]?.end ?? passage.text.length;
    return passage.text.slice(a, b);
  }
}
