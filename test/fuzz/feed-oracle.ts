import { XMLValidator } from 'fast-xml-parser';
import ical from 'node-ical';

/** XML 1.0's Char production: a character outside it makes the whole document ill-formed. */
const NOT_XML_CHAR = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;
/** RFC 5545 content line: `NAME[;PARAM=…]:value`, the name a token. */
const CONTENT_LINE = /^[A-Za-z0-9-]+(;[^:]*)?:/;
/** The service's event UIDs: a follow-up id at `pledgewatch`. */
const OUR_UID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}@pledgewatch$/;

/** Why an Atom document is not well-formed XML, or null. fast-xml-parser does not check characters. */
export function atomProblem(text: string): string | null {
  const bad = NOT_XML_CHAR.exec(text);
  if (bad) return `character U+${bad[0].codePointAt(0)!.toString(16).toUpperCase()} XML cannot carry`;
  const valid = XMLValidator.validate(text);
  return valid === true ? null : `ill-formed XML: ${valid.err.msg} (line ${valid.err.line})`;
}

/**
 * Why a calendar is not what the service writes, or null: every unfolded line a content line, one
 * VCALENDAR with each calendar name once, and every VEVENT one of ours (node-ical, an independent
 * parser, finds as many events as there are BEGIN:VEVENT lines, each with a follow-up's UID).
 * A line break that got through a filter or a title shows as a bare line or a forged event.
 */
export function calendarProblem(text: string): string | null {
  const lines = text.replace(/\r\n[ \t]/g, '').split('\r\n');
  if (lines.at(-1) === '') lines.pop();
  const bare = lines.find((l) => !CONTENT_LINE.test(l));
  if (bare !== undefined) return `not a content line: ${JSON.stringify(bare.slice(0, 80))}`;
  const count = (prefix: string) => lines.filter((l) => l.toUpperCase().startsWith(prefix)).length;
  if (count('BEGIN:VCALENDAR') !== 1) return `${count('BEGIN:VCALENDAR')} calendars`;
  for (const name of ['NAME', 'X-WR-CALNAME'])
    if (count(`${name}:`) + count(`${name};`) > 1) return `${name} more than once`;
  let parsed: ical.CalendarResponse;
  try {
    parsed = ical.sync.parseICS(text);
  } catch (error) {
    return `node-ical: ${(error as Error).message}`;
  }
  const events = Object.values(parsed).filter((c): c is ical.VEvent => c?.type === 'VEVENT');
  if (events.length !== count('BEGIN:VEVENT'))
    return `${count('BEGIN:VEVENT')} BEGIN:VEVENT lines, ${events.length} events parsed`;
  const forged = events.find((e) => !OUR_UID.test(e.uid));
  return forged ? `an event that is not a follow-up: UID ${JSON.stringify(forged.uid)}` : null;
}
