import type { FoundAmount } from './money';

/**
 * What the model sees of one clause (a candidate unit): its folded words, and what the rules
 * found in it — lexicon cues, money, a deadline, names. Lexicons are features here, not gates:
 * the weights say how much each cue counts, next to the words around it.
 */
export interface ClauseFacts {
  language: 'fr' | 'en';
  /** The clause's folded text (lower case, no accents, plain apostrophes). */
  folded: string;
  /** Lexicon cue classes in reading order: proposed, agreed, in_progress, fulfilled, claim, speech. */
  cues: string[];
  money: FoundAmount[];
  percent: boolean;
  gdp: boolean;
  due: boolean;
  actors: number;
  /** The clause opens or closes a quotation. */
  quoted: boolean;
  /** The clause is the whole sentence (not one of its clauses). */
  whole: boolean;
  /** An item of a list ("– …", "• …", "3. …"). */
  listItem: boolean;
  /** The year the article was published: a year named in the clause is before, the same or after it. */
  year: number;
  /** An amount of the clause was already stated by an earlier clause of the article (a restatement). */
  repeatAmount: boolean;
  /** The article is about an election campaign or a manifesto (its pledges are proposals: LABELING.md). */
  campaign: boolean;
  /** The article is about a proposed (draft) budget: its items are proposals too (LABELING.md). */
  draftBudget: boolean;
}

/**
 * "proposed budget", "projet de budget", "budget plan", "proposes a $34.5 billion budget": the
 * items of a draft are proposals.
 */
export const DRAFT_BUDGET =
  /\b(?:proposed (?:\w+ )?budgets?|budget (?:proposals?|plans?|estimates)|draft (?:\w+ )?budgets?|propos(?:es|ed) (?:a |an |the |its |his |her )?(?:[^ .]+ ){0,4}budget|projet de budget|proposition de budget|budget propose)\b/u;

/**
 * An election, a campaign, a manifesto or a party platform, in either language (folded text):
 * the words that name a campaign's programme count two, those that may name any election one.
 */
const CAMPAIGN_STRONG =
  /\b(?:manifestos?|platforms?|plateformes?|programmes? electora(?:l|ux)|promesses? electorales?|engagements? electora(?:l|ux)|pre-?electora[a-z]*|pre-election|legislatives|scrutin|if (?:elected|returned|re-elected)|be returned|s'il est (?:elu|reelu))\b/gu;
const CAMPAIGN_WEAK =
  /\b(?:elections?|campaign(?:s|ing)?|electoral|candidates?|voters?|ballot|presidentielle|campagne|electeurs)\b/gu;

/** An article about a campaign names it more than once, its programme at least once. */
export const aboutCampaign = (folded: string) => {
  const programme = (folded.match(CAMPAIGN_STRONG) ?? []).length;
  return programme > 0 && 2 * programme + (folded.match(CAMPAIGN_WEAK) ?? []).length >= 3;
};

export type Features = Map<string, number>;

const YEAR = /\b(?:19|20)\d\d\b/gu;
const TOKEN = /[a-z\u00df-\u024f]+|\d+(?:[.,]\d+)?/gu;

/**
 * Tense, mood and stance, by language, on folded text: what generalises from a few hundred
 * labelled clauses where single words do not (a word seen once says little; "will" or a
 * conditional ending says the same thing in every article).
 */
const MOOD: Record<'fr' | 'en', Array<[string, RegExp]>> = {
  en: [
    ['future', /\b(?:will|shall|going to|'ll)\b/u],
    ['conditional', /\b(?:would|could|should|might|may)\b/u],
    ['perfect', /\b(?:has|have|had) (?:been |already |now |also )?[a-z]+(?:ed|en|t|id|ng)\b/u],
    [
      'past',
      /\b[a-z]{3,}ed\b|\b(?:gave|made|put|set|paid|took|rose|fell|was|were|came|spent|won|began|sold|built)\b/u,
    ],
    ['passive', /\b(?:was|were|been|being|be) [a-z]+(?:ed|en)\b/u],
    ['present-be', /\b(?:is|are)\b/u],
    [
      'intent',
      /\b(?:plan|plans|planned|aim|aims|aimed|intend|intends|want|wants|seek|seeks|propos[a-z]*|expect[a-z]*|target[a-z]*|goal|ambition|promis[a-z]*|pledg[a-z]*|commit[a-z]*|vow[a-z]*|call[a-z]* (?:on|for)|appeal[a-z]*|urg[a-z]*)\b/u,
    ],
    [
      'decided',
      /\b(?:announc[a-z]*|agreed|adopted|approved|signed|passed|unveiled|launched|earmarked|allocated|set aside|committed)\b/u,
    ],
    ['delivered', /\b(?:delivered|disbursed|completed|finished|built|opened|paid out|handed over|kept)\b/u],
    ['started', /\b(?:began|begun|started|under way|underway|ongoing|continu[a-z]*|so far|already)\b/u],
    [
      'fact',
      /\b(?:amount[a-z]* to|total(?:l?ed|s)?|rose|fell|increas[a-z]*|decreas[a-z]*|represent[a-z]*|accounts? for|record|largest|highest|lowest|biggest|compared|than|per cent|percent|%)/u,
    ],
    ['speech', /\b(?:said|says|told|according to|stated|added)\b/u],
    ['condition', /\b(?:if|once|unless)\b/u],
    ['negation', /\b(?:not|no|never|n't)\b/u],
    [
      'purpose',
      /\b(?:to|for) (?:build|fund|support|provide|create|help|invest|finance|pay|cover|deliver|develop|cut|reduce|boost|hire|train)\b/u,
    ],
    ['money-for', /\b(?:for|to|towards|on) (?:the |a |an )?[a-z]+/u],
    ['first-person', /\b(?:we|our|i|we'll|we're|us)\b/u],
    [
      'state',
      /\b(?:stands? at|stood at|amount(?:s|ed)? to|add(?:s|ed)? up to|totall?ed|is (?:now |currently )?(?:thought|estimated|put|valued)|deficit|surplus|final figure|by (?:\w+'s )?count|comparison|currently|worth|slightly (?:below|above)|up from|down from)\b/u,
    ],
    [
      'change',
      /\b(?:rose|risen|fell|fallen|increased by|decreased|doubled|tripled|halved|jumped|soared|climbed|dropped|grew|grown|cut by)\b/u,
    ],
    ['relative', /^(?:which|who|that|whose)\b|, (?:which|who) /u],
    [
      'forecast',
      /\b(?:could|would|might|may|is likely|are likely|likely to|expected|forecast[a-z]*|estimat[a-z]*|projected|reckon[a-z]*)\b/u,
    ],
    ['since', /\b(?:since|so far|to date|last year|previous|earlier|ago|in (?:19|20)\d\d)\b/u],
    ['aggregate', /\b(?:in all|in total|total|altogether|overall|of which|including|among them)\b/u],
    ['company', /\b(?:company|firm|group|inc|ltd|plc|corporation|investor[s]?|shareholders?)\b/u],
    [
      'government',
      /\b(?:government|minister|ministry|prime minister|president|treasury|chancellor|party|labor|labour|liberals?|manifesto|platform|council|mayor|budget)\b/u,
    ],
  ],
  fr: [
    ['future', /\b[a-z]{2,}(?:ra|ront|rai|rons|rez)\b|\b(?:va|vont) [a-z]+(?:er|ir|re)\b/u],
    ['conditional', /\b[a-z]{2,}(?:rait|raient|rions)\b|\b(?:pourr|devr)[a-z]+\b/u],
    [
      'perfect',
      /\b(?:a|ont|avait|avaient|aura|auront) (?:ete |deja |aussi |egalement |bien )?[a-z]+(?:e|es|ee|ees|i|is|u|us|it|ert|ait)\b/u,
    ],
    ['past', /\b(?:etait|etaient|fut|furent|avait|avaient)\b/u],
    ['passive', /\b(?:a ete|ont ete|sera|seront|est|sont) [a-z]+(?:e|es|ee|ees|i|is|u|us)\b/u],
    ['present-be', /\b(?:est|sont)\b/u],
    [
      'intent',
      /\b(?:prevoi[a-z]*|prevu[a-z]*|vise[a-z]*|souhait[a-z]*|veu[a-z]*|entend[a-z]*|ambition[a-z]*|objectif[a-z]*|prom[a-z]*|s'engag[a-z]*|engag[a-z]*|propos[a-z]*|appel[a-z]*|dev[a-z]*|compte[a-z]*|envisag[a-z]*)\b/u,
    ],
    [
      'decided',
      /\b(?:annonc[a-z]*|adopt[a-z]*|approuv[a-z]*|sign[a-z]*|vot[a-z]*|decid[a-z]*|debloqu[a-z]*|accord[a-z]*|allou[a-z]*|octroy[a-z]*|entérin[a-z]*|enterin[a-z]*|lanc[a-z]*)\b/u,
    ],
    [
      'delivered',
      /\b(?:livr[a-z]*|vers[a-z]*|achev[a-z]*|inaugur[a-z]*|realis[a-z]*|construit[a-z]*|ouvert[a-z]*|tenu[a-z]*|termin[a-z]*)\b/u,
    ],
    ['started', /\b(?:commenc[a-z]*|demarr[a-z]*|en cours|poursui[a-z]*|continu[a-z]*|deja|jusqu'ici)\b/u],
    [
      'fact',
      /\b(?:s'eleve[a-z]*|represent[a-z]*|atteint|augment[a-z]*|baiss[a-z]*|diminu[a-z]*|record|plus grand|depass[a-z]*|en hausse|en baisse|bondi|flambe|plus que|moins que|fois plus|%|pour cent)/u,
    ],
    ['speech', /\b(?:a declare|a dit|selon|a affirme|a indique|a precise|a souligne|a ajoute|estime)\b/u],
    ['condition', /\b(?:si|s'il|s'ils|une fois)\b/u],
    ['negation', /\b(?:pas|jamais|aucun[e]?|ni)\b/u],
    [
      'purpose',
      /\b(?:pour|afin de|visant a) (?:financer|construire|soutenir|aider|creer|developper|investir|renforcer|reduire|ameliorer|moderniser|former|accompagner)\b/u,
    ],
    ['money-for', /\b(?:pour|a|au|aux|en faveur d)[e']? ?(?:la |le |les |l')?[a-z]+/u],
    ['first-person', /\b(?:nous|notre|nos|je|j'|mon|ma|mes)\b/u],
    [
      'state',
      /\b(?:s'eleve|s'elevait|se monte|depasse|represente|au total|a hauteur de|evalue[e]?s? a|deficit|excedent|contributeur|par rapport|proche de|devient)\b/u,
    ],
    [
      'change',
      /\b(?:bondi|flambe|augmente de|baisse de|progresse de|diminue de|divise[e]?s? par|double|triple|en hausse|en baisse|chute)\b/u,
    ],
    ['relative', /^(?:qui|que|qu'|dont|lequel|laquelle|lesquels|lesquelles)\b|, (?:qui|dont) /u],
    [
      'forecast',
      /\b(?:pourrai[a-z]*|devrai[a-z]*|serai[a-z]*|probabl[a-z]*|estim[a-z]*|prevision[a-z]*|attendu[a-z]*)\b/u,
    ],
    [
      'since',
      /\b(?:depuis|jusqu'ici|jusqu'a present|l'an dernier|l'annee derniere|precedent[a-z]*|auparavant|il y a|en (?:19|20)\d\d)\b/u,
    ],
    ['aggregate', /\b(?:au total|en tout|au global|dont|parmi lesquel[a-z]*|y compris|soit)\b/u],
    ['company', /\b(?:groupe|entreprise|societe|firme|actionnaires?|investisseurs?|industriel[a-z]*)\b/u],
    [
      'government',
      /\b(?:gouvernement|ministre|ministere|premier ministre|president|etat|parti|programme|conseil|maire|budget|region|departement|commune)\b/u,
    ],
  ],
};

/**
 * The clause's first word, its tense, mood and stance (MOOD), the lexicon's cue classes, and the
 * grammars' findings. Single words, word pairs and word endings were tried and left out: on
 * articles held out of training (cross-validation on the fitting part) they lowered F1, as a
 * few hundred clauses teach words by heart.
 */
export function clauseFeatures(f: ClauseFacts): Features {
  const x: Features = new Map([['bias', 1]]);
  const on = (name: string) => x.set(name, 1);
  const words = (f.folded.match(TOKEN) ?? []).map((w) => (/^\d/u.test(w) ? '0' : w));
  on(`first-word:${words[0] ?? ''}`);
  for (const w of words) if (w.length > 3) on(`w:${w}`);
  for (const [name, regex] of MOOD[f.language]) if (regex.test(f.folded)) on(`m:${name}`);
  f.cues.forEach((c, i) => {
    on(`cue:${c}`);
    if (i === 0) on(`first-cue:${c}`);
  });
  if (!f.cues.length) on('cue:none');
  const money = f.money.filter((m) => m.currency && !m.percentOfGdp && !m.conversion);
  if (money.length) on('has:money');
  if (money.length > 1) on('has:several-amounts');
  if (f.percent) on('has:percent');
  if (f.gdp) on('has:gdp-share');
  if (f.due) on('has:deadline');
  if (words.includes('0')) on('has:number');
  if (f.actors) on('has:named-party');
  if (f.draftBudget) on('doc:draft-budget');
  if (f.campaign) {
    on('doc:campaign');
    if (f.cues.length) on(`doc:campaign&cue:${f.cues[0]}`);
  }
  if (f.repeatAmount) on('has:repeated-amount');
  for (const y of f.folded.match(YEAR) ?? []) {
    const when = Number(y) < f.year ? 'past' : Number(y) === f.year ? 'this' : 'future';
    on(`year:${when}`);
  }
  // A few pairs a linear model cannot add up by itself: money said in the future, the past, as an intent.
  const pairs = ['future', 'conditional', 'past', 'perfect', 'intent', 'decided', 'fact', 'speech', 'state'];
  for (const m of pairs) if (x.has(`m:${m}`)) on(`${money.length ? 'money' : 'no-money'}&m:${m}`);
  if (!money.length && !f.cues.length) on('no-money&no-cue');
  if (f.quoted) on('is:quoted');
  if (f.listItem) on('is:list-item');
  on(f.whole ? 'is:whole-sentence' : 'is:clause');
  on(`length:${words.length < 8 ? 'short' : words.length < 25 ? 'medium' : 'long'}`);
  return x;
}
