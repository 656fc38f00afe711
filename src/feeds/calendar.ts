import ical, { escape, ICalEventStatus } from 'ical-generator';
import { itemPageUrl } from '../common/links';
import { followUpTiming } from '../follow-ups/due-window';
import type { FollowUpState } from '../follow-ups/follow-up-state';
import type { DuePrecision } from '../items/due-window';

/** A follow-up as the calendar shows it, with its item's title and due window. */
export interface CalendarFollowUp {
  id: string;
  itemId: string;
  itemTitle: string;
  itemDueAt: string | null;
  duePrecision: DuePrecision;
  dueAt: Date;
  note: string;
  assignee: string | null;
  state: FollowUpState;
  automatic: boolean;
  sequence: number;
  completionNote: string | null;
  createdAt: Date;
  updatedAt: Date;
}

/** Timed reminders are shown as half-hour events. */
const TIMED_EVENT_MS = 30 * 60 * 1000;

/**
 * RFC 5545 through ical-generator: one VEVENT per follow-up. UID is the follow-up's id (stable
 * across edits), SEQUENCE its own counter (bumped when it moves or ends), DTSTAMP and
 * LAST-MODIFIED its last change, so an unchanged follow-up renders byte for byte the same. Done
 * and cancelled follow-ups come as STATUS:CANCELLED, which makes subscribed calendars drop them.
 */
export function renderCalendar(
  followUps: CalendarFollowUp[],
  options: { name: string; baseUrl: string },
): string {
  const calendar = ical({
    // ical-generator escapes event fields but writes the calendar's NAME and X-WR-CALNAME as given.
    name: calendarText(options.name),
    prodId: { company: 'Pledgewatch', product: 'follow-ups', language: 'EN' },
    // Calendar apps that honour it poll every 15 minutes.
    ttl: 15 * 60,
  });
  for (const f of followUps) {
    const link = itemPageUrl(options.baseUrl, f.itemId);
    const timing = followUpTiming(f);
    const open = f.state === 'scheduled' || f.state === 'notified';
    const lines = [
      f.note,
      timing.allDay ? `Due by the end of ${timing.window}.` : null,
      f.assignee ? `Assignee: ${f.assignee}` : null,
      open ? null : `This follow-up is ${f.state}.${f.completionNote ? ` ${f.completionNote}` : ''}`,
      link,
    ];
    calendar.createEvent({
      id: `${f.id}@pledgewatch`,
      sequence: f.sequence,
      stamp: f.updatedAt,
      created: f.createdAt,
      lastModified: f.updatedAt,
      ...(timing.allDay
        ? { allDay: true, start: utcDay(timing.date), end: utcDay(timing.date, 1) }
        : { start: timing.at, end: new Date(timing.at.getTime() + TIMED_EVENT_MS) }),
      summary: f.itemTitle,
      description: lines.filter((l) => l !== null).join('\n\n'),
      url: link,
      status: open ? ICalEventStatus.CONFIRMED : ICalEventStatus.CANCELLED,
    });
  }
  // RFC 5545 §3.4: every content line ends with CRLF, END:VCALENDAR included; ical-generator omits the last.
  return `${calendar.toString()}\r\n`;
}

/**
 * A TEXT value (RFC 5545 §3.3.11) for a calendar-level property: control characters other than
 * tab dropped, then backslash, `;`, `,` and line breaks escaped, so a feed's filters cannot end
 * the line and start properties or components of their own.
 */
export function calendarText(value: string): string {
  // eslint-disable-next-line no-control-regex -- removing control characters is the point
  return escape(value.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, ''), false);
}

/** The worker-pool task: ical-generator folds lines one character at a time (about 1 ms per event), so a big calendar is built off the event loop. */
export function renderCalendarTask(input: {
  followUps: CalendarFollowUp[];
  name: string;
  baseUrl: string;
}): string {
  return renderCalendar(input.followUps, input);
}

/** Midnight UTC of `date` plus `days`: all-day dates are written from UTC fields. */
function utcDay(date: string, days = 0): Date {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000);
}
