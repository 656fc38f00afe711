import { ExactDecimal } from '../common/money';

/**
 * More sources for `npm run demo`, so the dashboard shows money as researchers count it
 * (docs/money.md): a budget law with a different amount each year (a schedule) and a target in
 * % of GDP, a proposal given as a range, and a pledge in US dollars to convert. Only metadata
 * and short quotes are stored (no `text`), so the quotes are kept as cited, not checked against
 * a stored copy. The rates file holds the ECB reference rates of 19 June 2009, as published.
 */
export const LPM_SOURCE = {
  url: 'https://www.latribune.fr/entreprises-finance/industrie/aeronautique-defense/loi-de-programmation-militaire-un-gros-effort-realise-en-partie-apres-le-depart-de-macron-1-2-957645.html',
  title: 'Loi de programmation militaire : un gros effort réalisé en partie après le départ de Macron',
  publisher: 'La Tribune',
  // The page gives April 2023; the bill was presented in the Council of Ministers on 4 April 2023.
  publishedAt: '2023-04-04T12:00:00Z',
  language: 'fr',
  kind: 'news_article',
};

export const LPM_RANGE_SOURCE = {
  url: 'https://evenement.latribune.fr/uncategorized/armees-vers-une-hausse-de-la-loi-de-programmation-militaire-dau-moins-15-milliards',
  title: 'Armées : vers une hausse de la loi de programmation militaire d’au moins 15 milliards',
  publisher: 'La Tribune',
  language: 'fr',
  kind: 'news_article',
};

export const GLOBAL_FUND_SOURCE = {
  url: 'https://kffhealthnews.org/morning-breakout/dr00047835',
  title: 'Donors Pledge $9.7B for Global Fund at Berlin Conference',
  publisher: 'KFF Health News',
  publishedAt: '2007-09-28T12:00:00Z',
  language: 'en',
  kind: 'news_article',
};

export const RATES_FIXTURE = 'test/fixtures/ecb-rates-2009-06-19.csv';

const billions = (n: string) => ({ value: new ExactDecimal(n).times(1e9).toFixed(), currency: 'EUR' });

/** Each item names its source by key; `france` is the pledger actor the loader creates. */
export const MONEY_ITEMS = [
  {
    source: 'lpm',
    kind: 'commitment',
    title: 'France’s armed forces budget 2024–2030 (loi de programmation militaire), year by year',
    statement:
      'The 2024–2030 military programming law raises the armed forces budget each year: €47bn in 2024, €50bn in 2025, €53bn in 2026, €56bn in 2027, €60.3bn in 2028, €64.6bn in 2029 and €68.9bn in 2030.',
    tags: ['defence-budget', 'lpm'],
    recurrence: 'annual',
    periodStart: '2024-01-01',
    periodEnd: '2030-12-31',
    schedule: [
      ['2024', '47'],
      ['2025', '50'],
      ['2026', '53'],
      ['2027', '56'],
      ['2028', '60.3'],
      ['2029', '64.6'],
      ['2030', '68.9'],
    ].map(([period, amount]) => ({ period, amount: billions(amount) })),
    status: 'proposed',
    quote:
      '47 milliards en 2024 (+ 3,1 milliards), 50 milliards en 2025 (+ 3 milliards), 53 milliards en 2026 (+ 3 milliards), 56 milliards en 2027 (+ 3 milliards), 60,3 milliards en 2028 (+ 4,3 milliards), 64,6 milliards en 2029 (+ 4,3 milliards) et, enfin, 68,9 milliards en 2030 (+ 4,3 milliards)',
  },
  {
    source: 'lpm',
    kind: 'commitment',
    title: 'France reaches a defence effort of 2 % of GDP in 2025',
    statement: 'The ministry expects the defence effort to reach 2 % of GDP in 2025.',
    tags: ['defence-budget', 'lpm'],
    target: { value: '2', unit: 'percent_of_gdp' },
    dueAt: '2025-12-31',
    duePrecision: 'year',
    status: 'proposed',
    quote: 'On atteint 2 % du PIB en termes d’effort de défense en 2025',
  },
  {
    source: 'lpmRange',
    kind: 'commitment',
    title: 'Raise the 2024–2030 military programming law by €15bn to €40bn',
    statement:
      'The negotiations between the Élysée and the armed forces ministry and Matignon and Bercy bear on raising the 2024–2030 programming law by between €15bn and €40bn.',
    tags: ['defence-budget', 'lpm'],
    amount: { value: '15000000000', valueMax: '40000000000', currency: 'EUR', qualifier: 'between' },
    recurrence: 'once',
    status: 'proposed',
    quote: 'sur une fourchette comprise entre 15 et 40 milliards d’euros',
  },
  {
    source: 'globalFund',
    kind: 'commitment',
    title: 'France pledges $1.7bn to the Global Fund for 2008–2010',
    statement: 'At the Berlin replenishment conference, France pledged $1.7 billion to the Global Fund.',
    tags: ['global-health'],
    amount: { value: '1700000000', currency: 'USD' },
    recurrence: 'once',
    periodStart: '2008-01-01',
    periodEnd: '2010-12-31',
    status: 'agreed',
    quote: 'France pledged $1.7 billion',
  },
];
