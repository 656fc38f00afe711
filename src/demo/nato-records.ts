/**
 * The records a researcher logs from the NATO defence ministers' meeting of 13 June 2024
 * (test/fixtures/nato-ukraine-2024-06-13.fr.txt). Quotes are verbatim from the French text.
 */
export const NATO_SOURCE = {
  url: 'https://www.tunisiefocus.com/international/les-ministres-de-la-defense-de-lotan-approuvent-un-nouveau-plan-daide-a-la-securite-pour-lukraine/',
  title:
    'Les ministres de la Défense de l’OTAN approuvent un nouveau plan d’aide à la sécurité pour l’Ukraine',
  publisher: 'Tunisie Focus',
  publishedAt: '2024-06-13T18:00:00Z',
  language: 'fr',
  kind: 'news_article',
};

export const NATO_ACTORS = {
  stoltenberg: { name: 'Jens Stoltenberg', kind: 'person', description: 'NATO Secretary General' },
  umerov: {
    name: 'Rustem Umerov',
    kind: 'person',
    aliases: ['Roustem Oumierov'],
    description: 'Minister of Defence of Ukraine',
  },
  nato: { name: 'NATO', kind: 'organization', aliases: ['OTAN', 'North Atlantic Treaty Organization'] },
  allies: { name: 'NATO Allies', kind: 'group', aliases: ['the Allies', 'les Alliés'] },
  ukraine: { name: 'Ukraine', kind: 'country' },
  poland: { name: 'Poland', kind: 'country', aliases: ['Pologne'] },
};

type ActorKey = keyof typeof NATO_ACTORS;

export const NATO_ITEMS: {
  kind: string;
  title: string;
  statement: string;
  status: string;
  quote: string;
  actors: [ActorKey, string][];
  [field: string]: unknown;
}[] = [
  {
    kind: 'commitment',
    title: 'Allies provide Ukraine at least €40bn of military aid per year',
    statement:
      'Allies provide Ukraine each year with military assistance worth at least EUR 40 billion, for as long as necessary.',
    status: 'proposed',
    tags: ['military-aid'],
    amount: { value: '40000000000', currency: 'EUR', qualifier: 'at_least' },
    recurrence: 'annual',
    quote:
      'fournissent chaque année à l’Ukraine une assistance militaire équivalant à au moins 40 milliards d’euros, et ce aussi longtemps que nécessaire',
    actors: [
      ['stoltenberg', 'speaker'],
      ['allies', 'pledger'],
      ['ukraine', 'beneficiary'],
    ],
  },
  {
    kind: 'commitment',
    title: 'NATO security assistance and training programme for Ukraine',
    statement: 'Allies approve the NATO security assistance and training programme for Ukraine.',
    status: 'proposed',
    tags: ['training', 'security-assistance'],
    dueAt: '2024-06-14',
    quote:
      'demain, les Alliés devraient approuver le projet de programme OTAN de formation et d’assistance à la sécurité en faveur de l’Ukraine',
    actors: [
      ['stoltenberg', 'speaker'],
      ['allies', 'pledger'],
      ['ukraine', 'beneficiary'],
    ],
  },
  {
    kind: 'commitment',
    title: 'First NATO–Ukraine innovation cooperation roadmap',
    statement:
      'Defence ministers endorsed the first-ever roadmap for NATO–Ukraine cooperation on innovation.',
    status: 'agreed',
    tags: ['innovation'],
    quote:
      'Ils ont en outre entériné la toute première feuille de route pour la coopération OTAN-Ukraine en matière d’innovation',
    actors: [
      ['allies', 'pledger'],
      ['ukraine', 'beneficiary'],
    ],
  },
  {
    kind: 'commitment',
    title: 'Joint NATO–Ukraine analysis, training and education centre (JATEC) in Poland',
    statement:
      'Allies are poised to endorse a joint NATO–Ukraine analysis, training and education centre (JATEC) in Poland.',
    status: 'proposed',
    tags: ['training', 'jatec'],
    quote:
      's’apprêtent à entériner l’établissement, en Pologne, d’un centre conjoint OTAN-Ukraine d’analyse, d’entraînement et de formation (JATEC)',
    actors: [
      ['allies', 'pledger'],
      ['ukraine', 'beneficiary'],
      ['poland', 'subject'],
    ],
  },
  {
    kind: 'commitment',
    title: 'New defence-industry pledge to boost production',
    statement:
      'Ministers discuss a new defence-industry pledge meant to boost production, on Friday 14 June 2024.',
    status: 'proposed',
    tags: ['defence-industry'],
    dueAt: '2024-06-14',
    quote:
      'un nouvel engagement en faveur de l’industrie de défense, qui doit permettre de doper la production',
    actors: [['allies', 'pledger']],
  },
  {
    kind: 'claim',
    title: 'Defence ministers met in Brussels on Thursday 13 June 2024',
    statement: 'NATO defence ministers met in Brussels on Thursday 13 June 2024.',
    status: 'confirmed',
    tags: ['meeting'],
    quote: 'Jeudi 13 juin 2024, les ministres de la Défense se sont réunis à Bruxelles',
    actors: [['nato', 'subject']],
  },
];
