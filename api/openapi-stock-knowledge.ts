// OpenAPI paths of the stock ledger, the knowledge base and technician recommendations (spread into openapi.ts).
const err = { $ref: '#/components/responses/Error' };
const json = (schema: object) => ({ content: { 'application/json': { schema } } });
const str = { type: 'string' };
const int = { type: 'integer' };
const lines = { type: 'array', minItems: 1, items: { type: 'object', required: ['sku', 'qty'], properties: { sku: str, qty: { type: 'integer', minimum: 1 } } } };
const idemKey = { name: 'Idempotency-Key', in: 'header', required: false, schema: str, description: 'Same as body `key`: a repeated request with the same key moves nothing again' };
const q = (name: string, schema: object = str, required = false) => ({ name, in: 'query', required, schema });
const path = (name: string) => ({ name, in: 'path', required: true, schema: str });
const shortage = { type: 'object', properties: { sku: str, requested: int, onHand: int } };

export const stockKnowledgePaths = {
  '/stock': { get: { summary: 'Stock items (q matches sku or name)', parameters: [q('q'), q('page', int), q('pageSize', int)], responses: { 200: { description: 'page of items' }, 400: err } } },
  '/stock/{sku}': { get: { summary: 'A stock item: on hand, checked out per case, latest movements', parameters: [path('sku')], responses: { 200: { description: 'item' }, 404: err } } },
  '/stock/items': {
    post: {
      summary: 'Create or rename a stock item; onHand = a counted quantity (stocktake, recorded as an adjust movement). Warehouse only',
      parameters: [idemKey],
      requestBody: json({ type: 'object', required: ['sku', 'name'], properties: { sku: str, name: str, unit: str, onHand: int, key: str } }),
      responses: { 200: { description: 'updated' }, 201: { description: 'created' }, 400: err, 403: err, 422: err },
    },
  },
  '/stock/in': {
    post: {
      summary: 'Goods into stock. Warehouse only',
      parameters: [idemKey],
      requestBody: json({ type: 'object', required: ['sku', 'qty'], properties: { sku: str, qty: int, key: str, caseId: str, note: str } }),
      responses: { 201: { description: '{ok, key, sku, qty, onHand, replayed}' }, 400: err, 403: err, 404: err, 422: err },
    },
  },
  '/stock/out': {
    post: {
      summary: 'Goods out of stock; refused with 409 rather than going negative. Warehouse only',
      parameters: [idemKey],
      requestBody: json({ type: 'object', required: ['sku', 'qty'], properties: { sku: str, qty: int, key: str, caseId: str, note: str } }),
      responses: { 201: { description: '{ok, key, sku, qty, onHand, replayed}' }, 400: err, 403: err, 404: err, 409: err, 422: err },
    },
  },
  '/stock/check-out': {
    post: {
      summary: 'Technician checks parts and tools out for a case: all or nothing; 409 with error.details.shortages and nothing reserved',
      parameters: [idemKey],
      requestBody: json({ type: 'object', required: ['caseId', 'items'], properties: { caseId: str, items: lines, key: str, note: str } }),
      responses: {
        201: { description: '{ok, key, caseId, items: [{sku, name, qty, onHand}], replayed}' },
        400: err,
        403: err,
        404: err,
        409: { description: 'not enough stock', ...json({ type: 'object', properties: { error: { type: 'object', properties: { code: str, message: str, details: { type: 'object', properties: { shortages: { type: 'array', items: shortage } } } } } } }) },
        422: err,
      },
    },
  },
  '/stock/return': {
    post: {
      summary: 'Technician returns unused parts of a case (never more than the case checked out: 409)',
      parameters: [idemKey],
      requestBody: json({ type: 'object', required: ['caseId', 'items'], properties: { caseId: str, items: lines, key: str, note: str } }),
      responses: { 201: { description: '{ok, key, caseId, items, replayed}' }, 400: err, 403: err, 404: err, 409: err, 422: err },
    },
  },
  '/knowledge': {
    get: {
      summary: 'Search the knowledge base (标准化问题库) by product model, fault category and words (Chinese or English)',
      parameters: [q('model'), q('category'), q('q'), q('page', int), q('pageSize', int)],
      responses: { 200: { description: 'page of entries ranked by matched words: {total, items: [{id, title, problem, cause, solution, prevention, score, match}]}' }, 400: err },
    },
    post: {
      summary: 'Add a standard entry by hand (supervisor or technician); with sourceCaseId the id is KB-<caseId>',
      requestBody: json({ type: 'object', required: ['productModel', 'faultCategory', 'problem', 'solution'], properties: { productModel: str, faultCategory: str, title: str, problem: str, cause: str, solution: str, prevention: str, sourceCaseId: str } }),
      responses: { 200: { description: 'updated {id}' }, 201: { description: 'created {id}' }, 400: err, 403: err, 404: err },
    },
  },
  '/knowledge/{id}': { get: { summary: 'A knowledge-base entry', parameters: [path('id')], responses: { 200: { description: 'entry' }, 404: err } } },
  '/recommendations/technicians': {
    get: {
      summary: 'Ranked, explained technician candidates for an allocation, with matching knowledge-base entries (supervisor, director); lat and lng together, or an address whose district / city stands in for the distance (distanceKm null)',
      parameters: [q('model', str, true), q('category', str, true), q('lat', { type: 'number' }), q('lng', { type: 'number' }), q('address'), q('q')],
      responses: { 200: { description: '{candidates: [{userId, name, score, distanceKm, distanceFrom, reasons: [{code, zh, en, points}]}], unranked, knowledge}' }, 400: err, 403: err },
    },
  },
};
