import escapeHtml from 'escape-html';
import { isEmail } from 'class-validator';
import { itemPageUrl } from '../common/links';
import { followUpTiming } from '../follow-ups/due-window';
import type { DuePrecision } from '../items/due-window';

/** Only an assignee that is an email address is mailed; `desk-ukraine` is a name, not an address. */
export function isMailableAssignee(assignee: string | null | undefined): assignee is string {
  return typeof assignee === 'string' && assignee.length <= 254 && isEmail(assignee);
}

/** What a reminder mail says: the follow_up.due event, and its item's due window. */
export interface DueReminder {
  followUpId: string;
  itemId: string;
  itemTitle: string;
  dueAt: Date;
  note: string;
  automatic: boolean;
  itemDueAt: string | null;
  duePrecision: DuePrecision;
}

export interface ReminderMessage {
  subject: string;
  text: string;
  html: string;
}

const WHEN = new Intl.DateTimeFormat('en-GB', {
  dateStyle: 'full',
  timeStyle: 'short',
  timeZone: 'UTC',
});

/** "Due by the end of Q4 2024" for a commitment's window, else the instant in UTC. */
export function dueLine(r: DueReminder): string {
  const timing = followUpTiming(r);
  return timing.allDay ? `Due by the end of ${timing.window}` : `Due ${WHEN.format(timing.at)} UTC`;
}

/** Plain text and HTML saying the same: the item, the note, the due window, the link. */
export function reminderMessage(r: DueReminder, baseUrl: string): ReminderMessage {
  const link = itemPageUrl(baseUrl, r.itemId);
  const due = dueLine(r);
  const text = [
    `Follow-up due: ${r.itemTitle}`,
    '',
    r.note,
    '',
    `${due}.`,
    `Open the item: ${link}`,
    '',
    '— Pledgewatch (you get this because the follow-up is assigned to you)',
    '',
  ].join('\n');
  const html = `<!doctype html>
<html><body style="font-family: sans-serif; line-height: 1.4">
<p style="color: #555">Follow-up due</p>
<h1 style="font-size: 1.3em">${escapeHtml(r.itemTitle)}</h1>
<p style="white-space: pre-wrap">${escapeHtml(r.note)}</p>
<p><strong>${escapeHtml(due)}.</strong></p>
<p><a href="${escapeHtml(link)}">Open the item in Pledgewatch</a></p>
<p style="color: #777; font-size: 0.9em">You get this because the follow-up is assigned to you.</p>
</body></html>
`;
  return { subject: `Follow-up due: ${r.itemTitle}`, text, html };
}
