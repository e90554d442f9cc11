// OpenAPI paths of the shipment, installation, exchange and product-return processes and the unit registry
// (spread into openapi.ts). The task payloads are in the TaskKinds catalogue (workflows/tasks/).
const err = { $ref: '#/components/responses/Error' };
const json = (schema: object) => ({ content: { 'application/json': { schema } } });
const str = { type: 'string' };
const date = { type: 'string', format: 'date' };
const dateTime = { type: 'string', format: 'date-time' };
const path = (name: string) => ({ name, in: 'path', required: true, schema: str });
const customer = { type: 'object', required: ['name', 'phone'], properties: { name: str, phone: str, email: str, locale: { type: 'string', enum: ['zh-CN', 'en'] } } };
const returned = { type: 'object', required: ['serial'], properties: { serial: { ...str, description: 'serial (串号); the model comes from the unit registry when recorded there' }, model: str, category: { type: 'string', enum: ['phone', 'electrical', 'computer', 'other'] } } };
const opened = (what: string) => ({ 201: { description: `{caseId} of the ${what}` }, 400: err, 403: err });

export const processPaths = {
  '/shipments': {
    post: {
      summary: 'Open a shipment from the shipping request (sales manager, salesperson): payment, delivery note, units into the registry, dispatch in one or more waybills, arrival tracking, receipt (SPEC 3.2)',
      requestBody: json({
        type: 'object',
        required: ['customer', 'address', 'items'],
        properties: {
          customer,
          address: str,
          salesOrder: str,
          items: { type: 'array', minItems: 1, maxItems: 50, items: { type: 'object', required: ['model', 'quantity'], properties: { model: str, category: str, quantity: { type: 'integer', minimum: 1, maximum: 1000 }, needsInstallation: { type: 'boolean', description: 'received units start an installation' } } } },
        },
      }),
      responses: opened('shipment'),
    },
  },
  '/shipments/{id}/units': {
    post: {
      summary: 'Record shipped units in the unit registry (agent, supervisor), while the shipment is at that step; all or none; a serial already recorded is 409 and nothing changes',
      parameters: [path('id')],
      requestBody: json({ type: 'object', required: ['units'], properties: { units: { type: 'array', minItems: 1, maxItems: 1000, items: { type: 'object', required: ['serial', 'model', 'productionDate', 'shipDate'], properties: { serial: str, model: str, productionDate: date, shipDate: date, purchasedAt: date } } } } }),
      responses: { 201: { description: '{caseId, recorded, total, expected}' }, 400: err, 403: err, 404: err, 409: err },
    },
  },
  '/shipments/{id}/waybills/{waybill}/arrival': {
    post: {
      summary: 'Arrival update for a waybill (logistics, supervisor): arrived, or delayed with a new expected arrival (restarts the reminder and escalation)',
      parameters: [path('id'), path('waybill')],
      requestBody: json({ type: 'object', required: ['status'], properties: { status: { type: 'string', enum: ['arrived', 'delayed'] }, expectedArrival: dateTime, note: str } }),
      responses: { 200: { description: '{caseId, waybill}' }, 400: err, 403: err, 404: err, 409: err },
    },
  },
  '/receipts/{token}': {
    get: { summary: "What a customer's receipt link is for (no sign-in: the token is the credential)", security: [], parameters: [path('token')], responses: { 200: { description: '{caseId, waybill}' }, 404: err, 410: err } },
    post: { summary: 'The customer confirms receipt of the waybill; single use, expires; a second use or an expired link is 410 and changes nothing', security: [], parameters: [path('token')], responses: { 200: { description: '{caseId, waybill, confirmed}' }, 404: err, 410: err } },
  },
  '/installations': {
    post: {
      summary: 'Open an installation (agent, sales manager): date, market-support request, general manager approval, technician and trip, progress reports, feedback form (SPEC 3.3). Shipments open their own on receipt',
      requestBody: json({ type: 'object', required: ['customer', 'address', 'units'], properties: { customer, address: str, location: { type: 'object', properties: { lat: { type: 'number' }, lng: { type: 'number' } } }, units: { type: 'array', minItems: 1, items: { type: 'object', required: ['serial'], properties: { serial: str, model: str } } } } }),
      responses: opened('installation'),
    },
  },
  '/exchanges': {
    post: {
      summary: 'Open a product exchange (agent): receipt, QC inspection report, stock-in, replacement by serial, stock-out and shipment; a charge negotiated on a failed inspection (SPEC 3.5)',
      requestBody: json({ type: 'object', required: ['customer', 'returned', 'reason'], properties: { customer, address: str, returned, replacementModel: { ...str, description: 'default: the same model' }, reason: str } }),
      responses: opened('exchange'),
    },
  },
  '/complaints': {
    post: {
      summary: "Record a customer's complaint about an employee (agent, supervisor): the supervisor investigates; substantiated, probation or dismissal is recorded and the fine proposed into the fines ledger (handbook part 5 rule 6)",
      requestBody: json({ type: 'object', required: ['customer', 'staffId', 'description'], properties: { customer, staffId: { ...str, description: 'the employee complained about (an active person)' }, description: str, relatedCaseId: str } }),
      responses: opened('complaint'),
    },
  },
  '/product-returns': {
    post: {
      summary: 'Open a product return at the end of a relationship (agent, sales manager): receipt, QC inspection, stock-in on a pass, a charge negotiated on a fail (SPEC 3.6)',
      requestBody: json({ type: 'object', required: ['customer', 'returned', 'reason'], properties: { customer: { ...customer, required: ['name'] }, returned, reason: str } }),
      responses: opened('product return'),
    },
  },
  '/units/{serial}': {
    get: { summary: 'A unit from the registry with every case that touched it (shipment, installation, service, repair, exchange, return), newest first', parameters: [path('serial')], responses: { 200: { description: '{unit, cases}' }, 400: err, 404: err } },
  },
};
