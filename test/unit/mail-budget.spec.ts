import { loadConfig } from '../../src/config';
import { MAIL_DOMAIN_LIST, mailDomainAllowed, mailDomains } from '../../src/common/mail-domains';
import { budgetMails, MailCandidate } from '../../src/mail/mail-budget';

const limits = { perRecipientPerHour: 2, perKeyPerHour: 3, allowedDomains: [] };
const mail = (recipient: string, requestedBy: string | null = 'k'): MailCandidate => ({
  eventId: recipient,
  followUpId: recipient,
  recipient,
  requestedBy,
});
const empty = () => ({ byRecipient: new Map<string, number>(), byKey: new Map<string, number>() });

describe('mail budgets', () => {
  it('sends within the recipient budget, counting earlier mails of the hour and ignoring case', () => {
    const recent = { ...empty(), byRecipient: new Map([['a@x.org', 1]]) };
    const out = budgetMails([mail('A@x.org'), mail('a@X.org'), mail('b@x.org')], recent, limits);
    expect(out.map((m) => m.skipped === null)).toEqual([true, false, true]);
    expect(out[1].skipped).toMatch(/^MAIL_PER_RECIPIENT_PER_HOUR: 2 /);
  });

  it('sends within the key budget; a skipped mail does not spend it, and an unknown key has none', () => {
    const recent = { ...empty(), byKey: new Map([['k', 2]]) };
    const out = budgetMails(
      [mail('a@x.org'), mail('b@x.org'), mail('c@x.org', 'other'), mail('d@x.org', null)],
      recent,
      limits,
    );
    expect(out.map((m) => m.skipped?.split(':')[0] ?? 'sent')).toEqual([
      'sent',
      'MAIL_PER_KEY_PER_HOUR',
      'sent',
      'sent',
    ]);
  });

  it('skips any address outside the allowed domains before spending a budget', () => {
    const out = budgetMails([mail('a@evil.example'), mail('b@news.x.org')], empty(), {
      ...limits,
      allowedDomains: ['x.org'],
    });
    expect(out.map((m) => m.skipped)).toEqual(["the address's domain is not in MAIL_ALLOWED_DOMAINS", null]);
  });
});

describe('MAIL_ALLOWED_DOMAINS', () => {
  it('allows a listed domain and its subdomains only, case-insensitively; empty allows any', () => {
    const allowed = mailDomains(' Example.org ,pledgewatch.test');
    expect(allowed).toEqual(['example.org', 'pledgewatch.test']);
    expect(mailDomainAllowed('desk@example.org', allowed)).toBe(true);
    expect(mailDomainAllowed('desk@news.EXAMPLE.org', allowed)).toBe(true);
    expect(mailDomainAllowed('desk@notexample.org', allowed)).toBe(false);
    expect(mailDomainAllowed('desk@example.org.evil.test', allowed)).toBe(false);
    expect(mailDomainAllowed('anyone@anywhere.test', mailDomains(''))).toBe(true);
  });

  it('is validated at boot', () => {
    for (const ok of ['', 'example.org', 'example.org, news.example.com,localhost'])
      expect(ok).toMatch(MAIL_DOMAIN_LIST);
    expect(() => loadConfig({ MAIL_ALLOWED_DOMAINS: 'example.org;evil' })).toThrow(/MAIL_ALLOWED_DOMAINS/);
    expect(() => loadConfig({ MAIL_ALLOWED_DOMAINS: '@example.org' })).toThrow(/MAIL_ALLOWED_DOMAINS/);
    expect(() => loadConfig({ MAIL_PER_RECIPIENT_PER_HOUR: '0' })).toThrow(/MAIL_PER_RECIPIENT_PER_HOUR/);
    expect(() => loadConfig({ MAIL_PER_KEY_PER_HOUR: 'many' })).toThrow(/MAIL_PER_KEY_PER_HOUR/);
    expect(loadConfig({})).toMatchObject({
      MAIL_PER_RECIPIENT_PER_HOUR: 20,
      MAIL_PER_KEY_PER_HOUR: 200,
      MAIL_ALLOWED_DOMAINS: '',
    });
  });
});
