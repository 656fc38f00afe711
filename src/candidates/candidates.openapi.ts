import type { SchemaObject } from '@nestjs/swagger';
import { PROPOSED_UPDATES_SCHEMA } from './proposed-updates';

const money = (extra: Record<string, SchemaObject> = {}): SchemaObject => ({
  type: 'object',
  nullable: true,
  required: ['value', 'currency', 'qualifier'],
  properties: {
    value: { type: 'string', example: '40000000000' },
    ...extra,
    currency: { type: 'string', example: 'EUR' },
    qualifier: { type: 'string', enum: ['exactly', 'at_least', 'up_to', 'approximately', 'between'] },
  },
});
const target: SchemaObject = {
  type: 'object',
  nullable: true,
  required: ['value', 'unit'],
  properties: { value: { type: 'string', example: '5' }, unit: { type: 'string', enum: ['percent_of_gdp'] } },
};
const role = { type: 'string', enum: ['speaker', 'pledger', 'beneficiary', 'subject'] };
const kind = { type: 'string', enum: ['claim', 'commitment'] };
const key: SchemaObject = {
  type: 'string',
  pattern: '^[0-9a-f]{32}$',
  description: "The candidate's stable key (docs/candidates.md, Decisions)",
};
const at: SchemaObject = { type: 'string', format: 'date-time' };
const dismissal: SchemaObject = {
  type: 'object',
  required: ['reason', 'at', 'by'],
  properties: { reason: { type: 'string', nullable: true }, at, by: { type: 'string' } },
};

/** The response of GET /v1/sources/:id/candidates (docs/candidates.md). */
export const CANDIDATES_RESPONSE: SchemaObject = {
  type: 'object',
  required: ['data', 'language'],
  properties: {
    language: { type: 'string', enum: ['fr', 'en'] },
    data: {
      type: 'array',
      items: {
        type: 'object',
        required: [
          'key',
          'kind',
          'quote',
          'selectors',
          'title',
          'actors',
          'amount',
          'target',
          'recurrence',
          'dueAt',
          'duePrecision',
          'statusHint',
          'cues',
          'confidence',
          'explanation',
          'existingItemIds',
          'draft',
        ],
        properties: {
          key,
          kind,
          quote: { type: 'string', description: 'An exact substring of the stored text' },
          selectors: {
            type: 'array',
            description: 'W3C Web Annotation TextQuoteSelector and TextPositionSelector (code points)',
            items: {
              type: 'object',
              required: ['type'],
              properties: {
                type: { type: 'string', enum: ['TextQuoteSelector', 'TextPositionSelector'] },
                exact: { type: 'string' },
                prefix: { type: 'string' },
                suffix: { type: 'string' },
                start: { type: 'integer' },
                end: { type: 'integer' },
              },
            },
          },
          title: { type: 'string' },
          actors: {
            type: 'array',
            items: {
              type: 'object',
              required: ['name', 'actorId', 'role'],
              properties: {
                name: { type: 'string' },
                actorId: { type: 'string', format: 'uuid', nullable: true },
                role,
              },
            },
          },
          amount: money(),
          target,
          recurrence: { type: 'string', enum: ['annual', 'quarterly', 'monthly'], nullable: true },
          dueAt: { type: 'string', format: 'date', nullable: true },
          duePrecision: { type: 'string', enum: ['day', 'month', 'year'], nullable: true },
          statusHint: {
            type: 'string',
            enum: ['proposed', 'agreed', 'in_progress', 'fulfilled', 'unverified'],
          },
          cues: { type: 'array', items: { type: 'string' } },
          confidence: {
            type: 'number',
            minimum: 0,
            maximum: 1,
            description: 'The model’s probability of this kind',
          },
          explanation: {
            type: 'array',
            description:
              'The features that weighed most for its kind (then, when the model chose it, its status), strongest first: cue:<lexicon class>, m:<tense or mood>, has:money, has:deadline, is:list-item, …',
            items: {
              type: 'object',
              required: ['feature', 'weight'],
              properties: { feature: { type: 'string' }, weight: { type: 'number' } },
            },
          },
          existingItemIds: { type: 'array', items: { type: 'string', format: 'uuid' } },
          dismissed: {
            ...dismissal,
            description: 'Only with include=dismissed: who dismissed it, when, why',
          },
          accepted: {
            type: 'object',
            description: "The item created with this candidate's key",
            required: ['itemId', 'at', 'by'],
            properties: { itemId: { type: 'string', format: 'uuid' }, at, by: { type: 'string' } },
          },
          proposedUpdates: PROPOSED_UPDATES_SCHEMA,
          draft: {
            type: 'object',
            description: 'A body POST /v1/items accepts as it is',
            required: [
              'kind',
              'title',
              'statement',
              'language',
              'actors',
              'amount',
              'target',
              'recurrence',
              'dueAt',
              'status',
              'citations',
              'candidateKey',
            ],
            properties: {
              kind,
              title: { type: 'string' },
              statement: { type: 'string' },
              language: { type: 'string' },
              actors: {
                type: 'array',
                items: {
                  type: 'object',
                  required: ['actorId', 'role'],
                  properties: { actorId: { type: 'string', format: 'uuid' }, role },
                },
              },
              amount: money({ valueMax: { type: 'string', example: '3000000000' } }),
              target,
              recurrence: { type: 'string', enum: ['annual', 'quarterly', 'monthly'], nullable: true },
              dueAt: { type: 'string', format: 'date', nullable: true },
              duePrecision: { type: 'string', enum: ['day', 'month', 'year'] },
              status: { type: 'string' },
              candidateKey: key,
              citations: {
                type: 'array',
                items: {
                  type: 'object',
                  required: ['sourceId', 'role', 'language', 'quote'],
                  properties: {
                    sourceId: { type: 'string', format: 'uuid' },
                    role: { type: 'string', enum: ['origin'] },
                    language: { type: 'string' },
                    quote: { type: 'string' },
                  },
                },
              },
            },
          },
        },
      },
    },
  },
};

/** The answer of POST /v1/sources/:id/candidates/:key/dismiss. */
export const DISMISSED_RESPONSE: SchemaObject = {
  type: 'object',
  required: ['key', 'kind', 'quote', 'dismissed'],
  properties: { key, kind, quote: { type: 'string' }, dismissed: dismissal },
};

/** GET /v1/candidates/decisions?format=gold: the shape `npm run eval:extraction -- --decisions FILE` reads. */
export const GOLD_RESPONSE: SchemaObject = {
  type: 'object',
  required: ['articles', 'nextCursor'],
  properties: {
    nextCursor: {
      type: 'string',
      nullable: true,
      description: 'The cursor of the next page of sources; null on the last',
    },
    articles: {
      type: 'array',
      items: {
        type: 'object',
        required: ['sourceId', 'language', 'publishedAt', 'text', 'labels', 'dismissed'],
        properties: {
          sourceId: { type: 'string', format: 'uuid' },
          language: { type: 'string' },
          publishedAt: { ...at, nullable: true },
          text: { type: 'string' },
          labels: {
            type: 'array',
            description: 'The accepted candidates, as their items record them (LABELING.md)',
            items: {
              type: 'object',
              required: ['kind', 'actor', 'quote', 'amount', 'statusHint', 'dueHint'],
              properties: {
                kind,
                actor: { type: 'string', nullable: true },
                quote: { type: 'string' },
                amount: {
                  type: 'object',
                  nullable: true,
                  required: ['value', 'currency'],
                  properties: { value: { type: 'string' }, currency: { type: 'string' } },
                },
                statusHint: { type: 'string' },
                dueHint: { type: 'string', nullable: true, example: '2024-07' },
              },
            },
          },
          dismissed: {
            type: 'array',
            items: {
              type: 'object',
              required: ['key', 'kind', 'quote', 'reason'],
              properties: {
                key,
                kind,
                quote: { type: 'string' },
                reason: { type: 'string', nullable: true },
              },
            },
          },
        },
      },
    },
  },
};
