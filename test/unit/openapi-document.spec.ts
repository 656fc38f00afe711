import type { OpenAPIObject } from '@nestjs/swagger';
import { loadConfig } from '../../src/config';
import { previewDocument } from '../../src/openapi/preview';
import { toJsonSchema } from '../contract/compile';
import { validateWorkload } from '../contract/validate-workload';

/**
 * The published operationIds: every generated SDK names its methods after them, so a change here
 * breaks every client. A new operation adds its line; an existing line never changes.
 */
const OPERATION_IDS = `
DELETE /v1/api-keys/{id} revokeApiKey
DELETE /v1/feeds/{id} revokeFeed
DELETE /v1/follow-ups/{id} cancelFollowUp
DELETE /v1/items/{id} discardItem
DELETE /v1/items/{id}/citations/{citationId} removeItemCitation
DELETE /v1/publications/{id} unpublishPage
DELETE /v1/webhooks/{id} deleteWebhook
GET /feeds/{file} getFeedFile
GET /health/live checkLiveness
GET /health/ready checkReadiness
GET /metrics getMetrics
GET /v1/actors listActors
GET /v1/actors/{id} getActor
GET /v1/api-keys listApiKeys
GET /v1/audit listAuditEntries
GET /v1/candidates/decisions exportCandidateDecisions
GET /v1/feeds listFeeds
GET /v1/follow-ups listFollowUps
GET /v1/follow-ups/{id} getFollowUp
GET /v1/follow-ups/{id}/deliveries listFollowUpDeliveries
GET /v1/imports/{id} getImport
GET /v1/items listItems
GET /v1/items/export exportItems
GET /v1/items/similar findSimilarItems
GET /v1/items/{id} getItem
GET /v1/items/{id}/claim-review getItemClaimReview
GET /v1/items/{id}/updates listItemUpdates
GET /v1/publications/{id} getPublication
GET /v1/sources listSources
GET /v1/sources/{id} getSource
GET /v1/sources/{id}/candidates listSourceCandidates
GET /v1/sources/{id}/snapshots listSourceSnapshots
GET /v1/sources/{id}/snapshots/{sid} getSourceSnapshot
GET /v1/sources/{id}/text getSourceText
GET /v1/stats/activity countActivity
GET /v1/stats/amounts sumItemAmounts
GET /v1/stats/follow-ups countFollowUps
GET /v1/stats/status countItemsByStatus
GET /v1/webhooks listWebhooks
GET /v1/webhooks/{id} getWebhook
GET /v1/webhooks/{id}/deliveries listWebhookDeliveries
PATCH /v1/actors/{id} updateActor
PATCH /v1/items/{id} updateItem
PATCH /v1/sources/{id} updateSource
POST /v1/actors createActor
POST /v1/api-keys createApiKey
POST /v1/feeds createFeed
POST /v1/follow-ups/{id}/complete completeFollowUp
POST /v1/follow-ups/{id}/snooze snoozeFollowUp
POST /v1/imports importSheet
POST /v1/imports/preview previewImportSheet
POST /v1/items createItem
POST /v1/items/{id}/citations addItemCitation
POST /v1/items/{id}/follow-ups createFollowUp
POST /v1/items/{id}/merge mergeItem
POST /v1/items/{id}/restore restoreItem
POST /v1/items/{id}/updates appendItemUpdate
POST /v1/items/{id}/updates/{updateId}/retract retractItemUpdate
POST /v1/publications publishPage
POST /v1/sources createSource
POST /v1/sources/fetch fetchSource
POST /v1/sources/{id}/recheck recheckSource
POST /v1/sources/{id}/candidates/{key}/dismiss dismissSourceCandidate
POST /v1/webhooks createWebhook
PUT /v1/fx-rates loadFxRates
`;

type Operation = { operationId?: string; responses: Record<string, { headers?: Record<string, unknown> }> };

function operations(document: OpenAPIObject): [string, Operation][] {
  return Object.entries(document.paths).flatMap(([path, item]) =>
    Object.entries(item as Record<string, Operation>).map(
      ([method, op]) => [`${method.toUpperCase()} ${path}`, op] as [string, Operation],
    ),
  );
}

describe('the OpenAPI document', () => {
  let document: OpenAPIObject;
  beforeAll(async () => {
    document = await previewDocument(loadConfig({}));
  });

  it('names every operation with its published operationId', () => {
    const listed = operations(document)
      .map(([route, op]) => `${route} ${op.operationId}`)
      .sort();
    expect(listed).toEqual(OPERATION_IDS.trim().split('\n').sort());
  });

  it('is OpenAPI 3.1 with no 3.0 `nullable` left, so every JSON Schema validator reads its nulls', () => {
    expect(document.openapi).toBe('3.1.0');
    expect(JSON.stringify(document)).not.toContain('"nullable"');
    expect(document.components?.schemas?.Item).toMatchObject({
      properties: { amount: { anyOf: [{ $ref: '#/components/schemas/Amount' }, { type: 'null' }] } },
    });
  });

  it('refuses a 3.0 nullable in the contract check instead of reading it as allowing null', () => {
    expect(() => toJsonSchema({ nullable: true, allOf: [{ $ref: '#/components/schemas/Amount' }] })).toThrow(
      /nullable/,
    );
  });

  it('declares ETag and Cache-Control on the 200 of conditional GETs', () => {
    const byRoute = new Map(operations(document));
    for (const route of [
      'GET /v1/items',
      'GET /v1/items/{id}',
      'GET /v1/stats/status',
      'GET /v1/stats/amounts',
    ])
      expect(Object.keys(byRoute.get(route)?.responses['200'].headers ?? {})).toEqual(
        expect.arrayContaining(['ETag', 'Cache-Control']),
      );
  });

  it('gives PUT /v1/fx-rates one body schema per media type', () => {
    const content = (document.paths['/v1/fx-rates'].put?.requestBody as { content: Record<string, unknown> })
      .content;
    expect(content).toMatchObject({
      'text/csv': { schema: { type: 'string' } },
      'application/json': { schema: { type: 'array' } },
    });
  });

  it('lets an independent validator pass a null amount and refuse a malformed one', () => {
    const item = {
      method: 'GET',
      path: '/v1/items',
      status: 200,
      headers: {},
      mediaType: 'application/json',
    };
    const [listed] = validateWorkload(document, [{ ...item, body: { data: [], nextCursor: null } }]);
    expect(listed).toBe('the workload holds no list page with a null amount');
    const row = { amount: null };
    const mismatches = validateWorkload(document, [
      {
        ...item,
        headers: { etag: '"1"', 'cache-control': 'private, no-cache' },
        body: { data: [row], nextCursor: 7 },
      },
    ]);
    expect(mismatches.join('\n')).toMatch(/nextCursor/);
    expect(mismatches.join('\n')).not.toMatch(/\/data\/0\/amount/);
  });
});
