/** The API's shapes as the pages read them (see /openapi.json). */

export interface Source {
  id: string;
  url: string;
  title: string;
  publisher: string | null;
  author: string | null;
  publishedAt: string | null;
  language: string;
  kind: string;
  contentHash: string | null;
  mediaType?: string | null;
  liveStatus?: 'unchanged' | 'changed' | 'gone' | 'unreachable' | null;
  checkedAt?: string | null;
}

export interface Actor {
  id: string;
  name: string;
  kind: string;
  aliases: string[];
}

export interface Money {
  value: string;
  currency: string;
  qualifier?: string;
  valueMax?: string;
}

export interface TextQuoteSelector {
  type: 'TextQuoteSelector';
  exact: string;
  prefix: string;
  suffix: string;
}

export interface TextPositionSelector {
  type: 'TextPositionSelector';
  start: number;
  end: number;
}

export interface Citation {
  id: string;
  sourceId: string;
  role: string;
  language: string | null;
  quote: string;
  translation: string | null;
  selectors: { textQuote: TextQuoteSelector; textPosition: TextPositionSelector } | null;
  /** The page the quote starts on, in a source with pages (a PDF); else null. */
  page?: number | null;
}

export interface FollowUp {
  id: string;
  itemId: string;
  dueAt: string;
  note: string;
  assignee: string | null;
  repeatEvery: string | null;
  state: 'scheduled' | 'notified' | 'done' | 'cancelled';
}

export interface Item {
  id: string;
  kind: 'claim' | 'commitment';
  title: string;
  statement: string;
  language: string;
  tags: string[];
  actors: { actorId: string; name: string; kind: string; role: string }[];
  amount: Money | null;
  recurrence: string | null;
  periodStart: string | null;
  periodEnd: string | null;
  dueAt: string | null;
  duePrecision: string;
  status: string;
  statusSince: string;
  initialStatus: string;
  version: number;
  createdAt: string;
  citations?: Citation[];
  nextFollowUp?: Pick<FollowUp, 'id' | 'dueAt' | 'note' | 'state'> | null;
}

export interface Update {
  id: string;
  status: string | null;
  effectiveAt: string;
  recordedAt: string;
  recordedBy: string;
  note: string;
  progress: {
    delivered: { value: string; currency: string } | null;
    period: string | null;
    percent: number | null;
    stage?: string | null;
  } | null;
  evidence: { id: string; sourceId: string; quote: string | null; selectors?: { page?: number } | null }[];
  retracted: boolean;
  retraction: { at: string; by: string; reason: string } | null;
}

/** A body POST /v1/items accepts (what a candidate's draft is). */
export interface ItemDraft {
  kind: 'claim' | 'commitment';
  title: string;
  statement: string;
  language: string;
  actors?: { actorId: string; role: string }[];
  tags?: string[];
  amount?: Money | null;
  recurrence?: string | null;
  dueAt?: string | null;
  duePrecision?: string;
  status?: string;
  citations: { sourceId: string; role: string; language?: string; quote: string }[];
  /** A quantitative target that is not money; carried from a candidate's draft as it is. */
  target?: unknown;
  /** The candidate this item records: the server marks it accepted. */
  candidateKey?: string;
}

export interface Candidate {
  kind: 'claim' | 'commitment';
  quote: string;
  selectors: (TextQuoteSelector | TextPositionSelector)[];
  title: string;
  actors: { name: string; actorId: string | null; role: string }[];
  amount: Money | null;
  recurrence: string | null;
  dueAt: string | null;
  duePrecision: string | null;
  statusHint: string;
  cues: string[];
  confidence: number;
  /** The model's strongest features; older servers omit it. */
  explanation?: { feature: string; weight: number }[];
  existingItemIds: string[];
  /** What this passage proposes for items already recorded (a later source); absent on older servers. */
  proposedUpdates?: ProposedUpdate[];
  draft: ItemDraft;
  /** Its stable key, and what reviewers decided (servers before decisions send none of them). */
  key?: string;
  dismissed?: { reason: string | null; at: string; by: string };
  accepted?: { itemId: string; at: string; by: string };
}

/** A body POST /v1/items/:id/updates accepts as it is. */
export interface ProposedUpdate {
  itemId: string;
  body: {
    status?: string;
    effectiveAt?: string;
    note: string;
    progress?: { delivered: Money; stage: string; period?: string };
    evidence: { sourceId: string; quote: string }[];
  };
}

export interface StatusCounts {
  total: number;
  byStatus: Record<string, number>;
}

/** committed, allocated and pledgedMax arrive with the money stages; older servers omit them. */
export interface AmountRow {
  key: string | null;
  currency: string;
  pledged: string;
  pledgedMax?: string;
  committed?: string;
  allocated?: string;
  delivered: string;
}

export interface ActivityRow {
  period: string;
  updates: number;
  statusChanges: number;
}

export interface FollowUpCounts {
  scheduled: number;
  overdue: number;
  dueNext7Days: number;
  notified: number;
  done: number;
}
