import ical, { VEvent } from 'node-ical';
import { TestApp } from '../../helpers/app';
import { createItem, createSource, pledgeBody } from '../../helpers/factories';

/** The VEVENTs node-ical (an independent RFC 5545 parser) finds in a calendar. */
function vevents(text: string): VEvent[] {
  return Object.values(ical.sync.parseICS(text)).filter((c): c is VEvent => c?.type === 'VEVENT');
}

const INJECTED = 'x\r\nBEGIN:VEVENT\r\nUID:evil@attacker\r\nSUMMARY:Wire funds to attacker\r\nEND:VEVENT';

describe('calendar feeds, exactly (RFC 5545)', () => {
  let t: TestApp;
  let sourceId: string;
  beforeAll(async () => {
    t = await TestApp.start();
    sourceId = (await createSource(t)).id;
  });
  afterAll(async () => t.close());

  const feed = async (body: Record<string, unknown>) => {
    const res = await t.post('/v1/feeds', { kind: 'follow-ups', ...body }, { key: t.keys.editor });
    expect(res.status).toBe(201);
    return res.body as { id: string; token: string };
  };
  const ics = async (token: string) => {
    const res = await t.get(`/feeds/${token}.ics`, { key: null });
    expect(res.status).toBe(200);
    return res.text;
  };

  it('should show a commitment due on a day as an all-day event on that day, not 23:59:59Z–00:29:59Z', async () => {
    const item = await createItem(t, pledgeBody(sourceId, { dueAt: '2031-06-14', duePrecision: 'day' }));
    const text = await ics((await feed({ itemId: item.id })).token);
    expect(text).toContain('DTSTART;VALUE=DATE:20310614\r\n');
    expect(text).toContain('DTEND;VALUE=DATE:20310615\r\n');
    expect(text).not.toContain('T235959Z');
    const [event] = vevents(text);
    expect(event.datetype).toBe('date');
    expect(event.start.dateOnly).toBe(true);
    expect(`${event.start.getFullYear()}-${event.start.getMonth() + 1}-${event.start.getDate()}`).toBe(
      '2031-6-14',
    );
    expect(event.description).toContain('Due by the end of 2031-06-14.');
  });

  it('should end every line with CRLF, END:VCALENDAR included', async () => {
    const item = await createItem(t, pledgeBody(sourceId, { dueAt: '2031-12-31', duePrecision: 'year' }));
    await t.post(`/v1/items/${item.id}/follow-ups`, { note: 'Ask', dueAt: '2031-03-01T09:00:00Z' });
    const bytes = Buffer.from(await ics((await feed({ itemId: item.id })).token), 'utf8');
    expect(bytes.subarray(-15).toString('latin1')).toBe('END:VCALENDAR\r\n');
    const lines = bytes.toString('utf8').split('\r\n');
    expect(lines.pop()).toBe('');
    for (const line of lines) expect(line).not.toMatch(/[\r\n]/);
    expect(vevents(bytes.toString('utf8'))).toHaveLength(2);
  });

  it.each(['assignee', 'tag'])(
    'should refuse control characters in the %s filter, naming it',
    async (field) => {
      const before = await t.count('feeds');
      for (const value of [INJECTED, 'a\nb', 'tab\there', 'bell\u0007']) {
        const res = await t.post('/v1/feeds', { kind: 'follow-ups', [field]: value });
        expect(res.status).toBe(422);
        const errors = res.body.errors as { path: string; message: string }[];
        expect([...new Set(errors.map((e) => e.path))]).toEqual([field]);
        expect(errors.map((e) => e.message).join(' ')).toContain('one line without control characters');
      }
      expect(await t.count('feeds')).toBe(before);
    },
  );

  it('should escape the calendar name of a feed whose filters were stored before the check', async () => {
    const created = await feed({ assignee: 'placeholder' });
    await t.db.query(`UPDATE feeds SET assignee = $1, tag = $2 WHERE id = $3`, [
      INJECTED,
      'a;b,c\\d',
      created.id,
    ]);
    const text = await ics(created.token);
    expect(vevents(text)).toEqual([]);
    expect(text).not.toMatch(/^(BEGIN:VEVENT|UID:evil)/m);
    // Long lines are folded (CRLF and a space); unfolded, the name is one escaped line.
    const name = text
      .replace(/\r\n /g, '')
      .split('\r\n')
      .find((l) => l.startsWith('X-WR-CALNAME:'));
    expect(name).toContain('assignee x\\nBEGIN:VEVENT\\nUID:evil@attacker');
    expect(name).toContain('tag a\\;b\\,c\\\\d');
  });
});
