import { CitedSource, claimReviewDocument, jsonLdText } from '../../src/items/claim-review';
import type { ItemView } from '../../src/items/items.view';

const claim = {
  id: '11111111-1111-4111-8111-111111111111',
  kind: 'claim',
  title: 'Ministers met in Brussels',
  statement: 'NATO defence ministers met in Brussels on 13 June 2024.',
  language: 'en',
  status: 'confirmed',
  statusSince: new Date('2024-07-01T00:00:00Z'),
  actors: [
    { actorId: 'a', name: 'Jens Stoltenberg', kind: 'person', role: 'speaker' },
    { actorId: 'b', name: 'Ukraine', kind: 'country', role: 'subject' },
    { actorId: 'c', name: 'NATO', kind: 'organization', role: 'speaker' },
  ],
} as unknown as ItemView; // only the fields ClaimReview reads

const sources: CitedSource[] = [
  {
    canonicalUrl: 'https://later.example/report',
    title: 'A later report',
    publisher: null,
    publishedAt: new Date('2024-06-01T00:00:00Z'),
    language: 'en',
    role: 'support',
  },
  {
    canonicalUrl: 'https://www.tunisiefocus.com/international/otan-ukraine',
    title: 'Les ministres de la Défense',
    publisher: 'Tunisie Focus',
    publishedAt: new Date('2024-06-13T18:00:00Z'),
    language: 'fr',
    role: 'origin',
  },
];

describe('ClaimReview as Google reads it', () => {
  const doc = claimReviewDocument(claim, sources, 'https://pledgewatch.example.org/');
  const reviewed = doc.itemReviewed as Record<string, unknown>;

  it('should name only speakers as the claim author, never a subject it is about', () => {
    expect(reviewed.author).toEqual([
      { '@type': 'Person', name: 'Jens Stoltenberg' },
      { '@type': 'Organization', name: 'NATO' },
    ]);
  });

  it('should make the source’s publisher the author of a claim nobody is named as saying', () => {
    const unsaid = { ...claim, actors: claim.actors.filter((a) => a.role !== 'speaker') };
    const doc = claimReviewDocument(unsaid, sources, 'https://pledgewatch.example.org/');
    expect((doc.itemReviewed as Record<string, unknown>).author).toEqual([
      { '@type': 'Organization', name: 'Tunisie Focus' },
    ]);
    const anonymous = sources.map((s) => ({ ...s, publisher: null }));
    const bare = claimReviewDocument(unsaid, anonymous, 'https://pledgewatch.example.org/');
    expect(bare.itemReviewed).not.toHaveProperty('author');
  });

  it('should say the claim’s language, and each appearance’s', () => {
    expect(doc.inLanguage).toBe('en');
    expect((reviewed.appearance as { inLanguage: string }[]).map((a) => a.inLanguage)).toEqual(['fr', 'en']);
  });

  it('should date the claim by when it was made: its origin source, shown first', () => {
    expect(reviewed.datePublished).toBe('2024-06-13T18:00:00.000Z');
    expect(reviewed.firstAppearance).toMatchObject({
      url: 'https://www.tunisiefocus.com/international/otan-ukraine',
    });
  });

  it('should link the review and its author under the configured public address', () => {
    expect(doc.url).toBe('https://pledgewatch.example.org/#/items/11111111-1111-4111-8111-111111111111');
    expect(doc.author).toEqual({
      '@type': 'Organization',
      name: 'Pledgewatch',
      url: 'https://pledgewatch.example.org/',
    });
  });

  it('should give the page that publishes the review as its url when there is one', () => {
    const published = 'https://factcheck.example.org/2024/ministers-met';
    expect(claimReviewDocument(claim, sources, 'https://pledgewatch.example.org/', published).url).toBe(
      published,
    );
  });

  it('should escape <, > and & so the JSON-LD can sit in an HTML script element', () => {
    const text = jsonLdText({ claimReviewed: '</script><script>alert(1)</script> & more' });
    expect(text).not.toMatch(/[<>&]/);
    expect(JSON.parse(text)).toEqual({ claimReviewed: '</script><script>alert(1)</script> & more' });
  });
});
