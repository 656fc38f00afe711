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
          'existingItemIds',
          'draft',
        ],
        properties: {
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
          confidence: { type: 'number', minimum: 0, maximum: 1 },
          existingItemIds: { type: 'array', items: { type: 'string', format: 'uuid' } },
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
