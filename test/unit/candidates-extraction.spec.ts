import { extractCandidates } from '../../src/candidates/extraction/extract';
import { foldKeepLength } from '../../src/candidates/extraction/fold';
import { candidateLanguage } from '../../src/candidates/extraction/language';
import { Language, LEXICONS } from '../../src/candidates/extraction/lexicon';
import { findAmounts } from '../../src/candidates/extraction/money';
import { evaluate, loadArticles, overlap, splitArticles } from '../eval/score';

const amounts = (text: string, language: Language) => findAmounts(foldKeepLength(text), LEXICONS[language]);
const one = (text: string, language: Language) => {
  const found = amounts(text, language);
  expect(found).toHaveLength(1);
  return found[0];
};
const extract = (text: string, language: Language, publishedAt = '2024-06-13T12:00:00Z') =>
  extractCandidates(text, { language, publishedAt: new Date(publishedAt) });

describe('money in French and English', () => {
  it.each([
    ['fr', 'au moins 40 milliards d’euros', '40000000000', 'EUR'],
    ['fr', 'une rallonge de 1,5 milliard d’euros', '1500000000', 'EUR'],
    ['fr', 'un total de 18,1 milliards d’euros', '18100000000', 'EUR'],
    ['fr', 'une aide d’un milliard d’euros', '1000000000', 'EUR'],
    ['fr', 'un besoin de 2.400 milliards de dollars', '2400000000000', 'USD'],
    ['fr', '135 millions de francs suisses', '135000000', 'CHF'],
    ['en', 'a further €2bn for ammunition', '2000000000', 'EUR'],
    ['en', 'some £3 billion over the decade', '3000000000', 'GBP'],
    ['en', 'a $50bn loan', '50000000000', 'USD'],
    ['en', 'EUR 40 billion a year', '40000000000', 'EUR'],
    ['en', 'worth 21 billion euros', '21000000000', 'EUR'],
    ['en', 'gave 135mn Swiss francs', '135000000', 'CHF'],
    ['en', 'a total of $1,500 million', '1500000000', 'USD'],
    ['en', 'up to $1.5 billion', '1500000000', 'USD'],
  ])('%s: %s', (language, text, value, currency) => {
    expect(one(text, language as Language)).toMatchObject({ value, currency });
  });

  it('reads a range as its bounds: "2,5 à 3 milliards", "between $2bn and $3bn"', () => {
    expect(one('de 2,5 à 3 milliards d’euros', 'fr')).toMatchObject({
      value: '2500000000',
      valueMax: '3000000000',
      qualifier: 'between',
    });
    expect(one('entre 15 et 40 milliards d’euros', 'fr')).toMatchObject({
      value: '15000000000',
      valueMax: '40000000000',
    });
    expect(one('between $2bn and $3bn', 'en')).toMatchObject({
      value: '2000000000',
      valueMax: '3000000000',
      currency: 'USD',
    });
  });

  it('keeps "€4mn and €1mn" two amounts, not a range', () => {
    expect(amounts('Portugal and Estonia gave €4mn and €1mn', 'en').map((a) => a.value)).toEqual([
      '4000000',
      '1000000',
    ]);
  });

  it.each([
    ['fr', 'au moins 40 milliards d’euros', 'at_least'],
    ['fr', 'plus de 50 milliards d’euros', 'at_least'],
    ['fr', 'fixe à « au moins » 300 milliards de dollars', 'at_least'],
    ['fr', 'jusqu’à 5 milliards d’euros', 'up_to'],
    ['fr', 'environ 9 milliards d’euros', 'approximately'],
    ['fr', 'près de 170 milliards d’euros', 'approximately'],
    ['en', 'at least €40bn', 'at_least'],
    ['en', 'more than $88 billion', 'at_least'],
    ['en', 'up to $3 billion', 'up_to'],
    ['en', 'about $57bn', 'approximately'],
    ['en', 'nearly $65 billion', 'approximately'],
    ['en', 'a $30bn fund', 'exactly'],
  ])('qualifier %s: %s → %s', (language, text, qualifier) => {
    expect(one(text, language as Language).qualifier).toBe(qualifier);
  });

  it('takes a percentage of GDP for a target, never for money', () => {
    expect(one('porter l’effort de défense à 2 % du PIB', 'fr')).toMatchObject({
      percentOfGdp: true,
      currency: null,
    });
    expect(one('spend 5% of GDP on defence by 2035', 'en')).toMatchObject({ percentOfGdp: true });
    const [c] = extract(
      'Les Alliés se sont engagés à porter leurs dépenses de défense à 5 % du PIB d’ici 2035.',
      'fr',
    );
    expect(c).toMatchObject({ amount: null, percentOfGdp: '5', dueAt: '2035-12-31', duePrecision: 'year' });
  });

  it('marks a conversion in parentheses so it is not a second pledge', () => {
    const found = amounts('pledges totaled over 21 billion euros ($24 billion)', 'en');
    expect(found.map((a) => a.conversion)).toEqual([false, true]);
  });

  it('marks the same sum said again in another currency after "soit" or "that is" as a conversion', () => {
    expect(
      amounts('un prêt de 256 millions de dollars, soit environ 128 milliards de francs CFA', 'fr').map(
        (a) => a.conversion,
      ),
    ).toEqual([false, true]);
    expect(amounts('£364 million, or about $455 million', 'en')[1].conversion).toBe(true);
    // A second sum in the same currency is no conversion ("soit 8 milliards de plus").
    expect(
      amounts('29,8 milliards de francs, soit 8 milliards de francs de plus', 'fr').map((a) => a.conversion),
    ).toEqual([false, false]);
  });

  it('carries a currency over to an amount written without one', () => {
    expect(
      amounts('près de 170 milliards d’euros, dont 60 milliards destinés à l’armement', 'fr')[1],
    ).toMatchObject({ value: '60000000000', currency: 'EUR' });
  });
});

describe('kind and status, with the cues that decided them', () => {
  it.each([
    [
      'fr',
      'Demain, les Alliés devraient approuver le nouveau programme de formation.',
      'commitment',
      'proposed',
      'devraient approuver',
    ],
    [
      'fr',
      'Les ministres s’apprêtent à entériner la création d’un centre conjoint.',
      'commitment',
      'proposed',
      's’apprêtent à',
    ],
    [
      'fr',
      'Les ministres ont entériné la première feuille de route pour l’innovation.',
      'commitment',
      'agreed',
      'ont entériné',
    ],
    [
      'fr',
      'La France a livré les douze canons Caesar promis à l’Ukraine.',
      'commitment',
      'fulfilled',
      'a livré',
    ],
    [
      'fr',
      'Les ministres de la Défense se sont réunis à Bruxelles jeudi.',
      'claim',
      'unverified',
      'se sont réunis',
    ],
    [
      'en',
      'The ministers are expected to approve the new training mission on Friday.',
      'commitment',
      'proposed',
      'are expected to',
    ],
    [
      'en',
      'Germany has pledged to send four more air-defence systems to Ukraine.',
      'commitment',
      'agreed',
      'pledged',
    ],
    [
      'en',
      'Germany began delivering the first IRIS-T systems to Ukraine last month.',
      'commitment',
      'in_progress',
      'began delivering',
    ],
    [
      'en',
      'The United States delivered the last Abrams tanks to Ukraine in March.',
      'commitment',
      'fulfilled',
      'delivered',
    ],
    [
      'en',
      'Ukraine has received more than $88 billion in security assistance commitments.',
      'claim',
      'unverified',
      'has received',
    ],
  ])('%s: %s', (language, text, kind, statusHint, cue) => {
    const [c] = extract(text, language as Language);
    expect(c).toMatchObject({ kind, statusHint });
    expect(c.cues[0]).toBe(cue);
  });

  it.each([
    ['fr', 'Il a ainsi présenté une aide militaire supplémentaire de deux milliards d’euros.', '2000000000'],
    ['en', 'We intend to provide further training to the Ukrainian forces.', null],
    ['en', 'Britain said it will contribute £40 million to the fund.', '40000000'],
  ])('%s: reads a pledge, not a claim, in "%s"', (language, text, value) => {
    const [c] = extract(text, language as Language);
    expect(c).toMatchObject({ kind: 'commitment' });
    expect(c.amount?.value ?? null).toBe(value);
  });

  it('takes no cue from a negated verb', () => {
    expect(extract('Healey gave no breakdown of that figure.', 'en').flatMap((c) => c.cues)).toEqual([]);
  });

  it('resolves relative deadlines against the publication date', () => {
    const due = (text: string, language: Language) => {
      const [c] = extract(text, language);
      return [c.dueAt, c.duePrecision];
    };
    expect(due('Demain, les Alliés devraient approuver le programme.', 'fr')).toEqual(['2024-06-14', 'day']);
    expect(due('The allies are expected to approve the plan tomorrow.', 'en')).toEqual(['2024-06-14', 'day']);
    expect(due('La France s’est engagée à livrer ces avions d’ici 2035.', 'fr')).toEqual([
      '2035-12-31',
      'year',
    ]);
    expect(due('Germany pledged to deliver the systems by the end of 2025.', 'en')).toEqual([
      '2025-12-31',
      'year',
    ]);
    expect(due('Le gouvernement a promis de voter cette loi cette année.', 'fr')).toEqual([
      '2024-12-31',
      'year',
    ]);
    expect(due('The alliance will review the aid next year.', 'en')).toEqual(['2025-12-31', 'year']);
    expect(due('Les ministres discuteront du plan la semaine prochaine.', 'fr')).toEqual([
      '2024-06-20',
      'day',
    ]);
  });

  it('reads recurrence only for a pledged amount', () => {
    const [c] = extract('Allies pledged at least €40bn a year for Ukraine.', 'en');
    expect(c).toMatchObject({
      recurrence: 'annual',
      amount: { value: '40000000000', currency: 'EUR', qualifier: 'at_least' },
    });
  });
});

describe('one candidate per pledge', () => {
  it('gives one candidate per donor when several each pledge an amount', () => {
    const text = 'At the conference, Germany pledged €500mn, France €300mn and Italy €200mn to the fund.';
    const found = extract(text, 'en');
    expect(found.map((c) => [c.actors.find((a) => a.role === 'pledger')?.name, c.amount?.value])).toEqual([
      ['Germany', '500000000'],
      ['France', '300000000'],
      ['Italy', '200000000'],
    ]);
    for (const c of found) expect(text.slice(c.start, c.end)).toBe(c.quote);
  });

  it('pairs "respectively" actors and amounts in order', () => {
    const found = extract('Portugal and Estonia gave €4mn and €1mn to the GCF, respectively.', 'en');
    expect(found.map((c) => [c.actors.find((a) => a.role === 'pledger')?.name, c.amount?.value])).toEqual([
      ['Portugal', '4000000'],
      ['Estonia', '1000000'],
    ]);
  });

  it('reads no French cue in a noun after its article or a participle after its noun', () => {
    const cuesOf = (text: string) => extract(text, 'fr').flatMap((c) => c.cues);
    expect(cuesOf('L’annonce du gouvernement intervient à la veille de la COP26 à Glasgow.')).toEqual([]);
    expect(cuesOf('Les montants annoncés dépassent de loin ce que réclamaient les ONG.')).not.toContain(
      'annoncés',
    );
    expect(
      cuesOf('Le Canada a annoncé mercredi une nouvelle contribution de 50 millions de dollars.'),
    ).toContain('a annoncé');
    expect(cuesOf('Ils ont en outre entériné la feuille de route pour 2025.')).toContain('entériné');
  });

  it('splits two pledges joined in one sentence', () => {
    const found = extract(
      'Ils ont en outre entériné la toute première feuille de route et s’apprêtent à entériner la création d’un centre conjoint.',
      'fr',
    );
    expect(found.map((c) => c.statusHint)).toEqual(['agreed', 'proposed']);
  });

  it('leaves headings out', () => {
    expect(
      extract(
        'Allies pledge €40bn for Ukraine\n\nThe allies pledged €40bn a year for Ukraine on Thursday.',
        'en',
      ).map((c) => c.quote),
      // (A meeting alone is scene-setting, no label in LABELING.md: the body states the pledge.)
    ).toEqual(['The allies pledged €40bn a year for Ukraine on Thursday']);
  });
});

describe('units as researchers count them', () => {
  const pledgers = (cs: ReturnType<typeof extract>) => cs.flatMap((c) => c.actors.map((a) => a.name));

  it('reads counts of people, percentages and money per person as no money', () => {
    const children = extract(
      'The programme will reach 500 million children by 2030, the fund pledged.',
      'en',
    );
    expect(children.map((c) => c.amount)).toEqual([null]);
    const perPupil = extract('The government will provide £300 per pupil next year.', 'en');
    expect(perPupil.map((c) => c.amount)).toEqual([null]);
    const yearly = extract('The government will provide £3bn per year to schools.', 'en');
    expect(yearly[0].amount?.value).toBe('3000000000');
  });

  it('splits a list of amounts into one candidate each', () => {
    const found = extract(
      'The bank pledged $4.5bn for clean energy; $200m for training and $40m for research.',
      'en',
    ).filter((c) => c.amount);
    expect(found.map((c) => c.amount?.value)).toEqual(['4500000000', '200000000', '40000000']);
  });

  it('never takes a currency, a medium quoted as a source or a vehicle for an actor', () => {
    const en = pledgers(extract('Japan pledged US$5bn to the fund, Reuters reported.', 'en'));
    expect(en).toContain('Japan');
    for (const not of ['US', 'Reuters']) expect(en).not.toContain(not);
    const fr = pledgers(
      extract(
        'Le Japon a promis 5 milliards de dollars, selon LCI. La France livrera 40 VAB et des AMX-10 RC.',
        'fr',
      ),
    );
    expect(fr).toContain('Japon');
    for (const not of ['LCI', 'VAB', 'AMX', 'RC']) expect(fr).not.toContain(not);
  });

  it('reads a span of years as a period, not a deadline', () => {
    const [c] = extract('The government will invest £2bn in schools from 2026 to 2030.', 'en');
    expect(c).toMatchObject({ dueAt: null, duePrecision: null });
    const [by] = extract('The government will invest £2bn in schools by 2030.', 'en');
    expect(by.dueAt).toBe('2030-12-31');
  });

  it('stops a quote before a pasted link or tweet', () => {
    const text =
      'The minister pledged €50mn for the new hospital pic.twitter.com/AbCdEf123 — Ministry (@ministry) June 12, 2024';
    for (const c of extract(text, 'en')) expect(c.quote).not.toMatch(/pic\.twitter|@ministry/u);
  });

  it('reads the local dollar and French unit symbols', () => {
    const [quebec] = extract(
      'Québec recevra 900 M$ d’Ottawa pour la santé, a annoncé le gouvernement du Canada.',
      'fr',
    );
    expect(quebec.amount).toMatchObject({ value: '900000000', currency: 'CAD' });
    const [city] = extract('Le conseil municipal a adopté un budget de 67,3 M€.', 'fr');
    expect(city.amount).toMatchObject({ value: '67300000', currency: 'EUR' });
    const [sg] = extract('The government will spend S$900 million on the package.', 'en');
    expect(sg.amount).toMatchObject({ value: '900000000', currency: 'SGD' });
  });
});

describe('the evaluation set', () => {
  // test/fixtures/extraction/extra: articles written after the split was fixed, fitting part only.
  const EXTRA_PER_LANGUAGE: Record<string, number> = { fr: 50, en: 37 };
  const articles = loadArticles();
  const { fitting, test } = splitArticles(articles);

  it('has the NATO seed article, 26 corpus articles and the added fitting articles, each cited by its address', () => {
    for (const language of ['fr', 'en']) {
      expect(articles.filter((a) => a.name.startsWith('corpus/') && a.language === language)).toHaveLength(
        13,
      );
      expect(articles.filter((a) => a.name.startsWith('extra/') && a.language === language)).toHaveLength(
        EXTRA_PER_LANGUAGE[language],
      );
    }
    expect(articles).toHaveLength(27 + EXTRA_PER_LANGUAGE.fr + EXTRA_PER_LANGUAGE.en);
    for (const a of articles) expect(a.url ?? (a as { citation?: string }).citation).toBeTruthy();
  });

  it('keeps a fixed test part of four original articles per language, apart from the fitting part', () => {
    expect(test.map((a) => a.language).sort()).toEqual(['en', 'en', 'en', 'en', 'fr', 'fr', 'fr', 'fr']);
    expect(test.every((a) => a.name.startsWith('corpus/'))).toBe(true);
    expect(fitting).toHaveLength(articles.length - 8);
    expect(fitting.some((a) => a.name.startsWith('nato-ukraine'))).toBe(true);
    expect(fitting.filter((a) => a.name.startsWith('extra/'))).toHaveLength(
      EXTRA_PER_LANGUAGE.fr + EXTRA_PER_LANGUAGE.en,
    );
  });

  it('quotes every gold label exactly from its article, without the URL header', () => {
    for (const a of articles) {
      expect(a.text.startsWith('http')).toBe(false);
      for (const g of a.gold) expect(a.text.includes(g.quote)).toBe(true);
    }
  });

  it('finds the NATO article’s pledges with their amount, status and deadline', () => {
    const { perArticle } = evaluate(articles.filter((a) => a.name.startsWith('nato-ukraine')));
    expect(perArticle[0].tally).toMatchObject({
      gold: 5,
      matched: 5,
      amountRight: 5,
      statusRight: 5,
      dueRight: 5,
    });
  });

  it('matches spans by their common part as a share of the shorter one', () => {
    expect(overlap({ start: 0, end: 10 }, { start: 5, end: 100 })).toBe(0.5);
    expect(overlap({ start: 0, end: 10 }, { start: 6, end: 100 })).toBe(0.4);
    expect(overlap(null, { start: 0, end: 1 })).toBe(0);
  });
});

describe('language', () => {
  it('takes French or English from the tag and detects it when the tag is undetermined', () => {
    expect(candidateLanguage('fr-FR', 'whatever')).toBe('fr');
    expect(
      candidateLanguage(
        'und',
        'Les ministres de la Défense se sont réunis à Bruxelles pour préparer le sommet.',
      ),
    ).toBe('fr');
    expect(
      candidateLanguage(
        'und',
        'The defence ministers met in Brussels to prepare for the summit in Washington.',
      ),
    ).toBe('en');
    expect(candidateLanguage('uk', 'Міністри оборони зібралися в Брюсселі')).toBeNull();
  });
});
