// Every operation of the API with the schemas its route validates with (api/schemas/) and the answers it gives.
// A route added without a line here fails tests/unit/openapi-routes.test.ts.
import type { Operation } from './operation';
import { completionBody } from './completion';
import { IDEMPOTENCY_HEADER } from '../idempotency';
import * as P from '../schemas/params';
import { AuditQuery } from '../schemas/audit';
import { DeadlineQuery, OverrideBody, YearBody } from '../schemas/calendar';
import { CallListQuery, CallSchema } from '../schemas/calls';
import { CancelBody, ListQuery as CaseListQuery } from '../schemas/cases';
import { ComplaintSchema } from '../schemas/complaints';
import { CoordinationSchema } from '../schemas/coordination';
import { ExchangeSchema } from '../schemas/exchanges';
import { ConfirmBody, DismissBody, FINE_READERS, ListQuery as FineListQuery, ProposeBody, TotalsQuery } from '../schemas/fines';
import { InquirySchema } from '../schemas/inquiries';
import { InstallationSchema } from '../schemas/installations';
import { EntryBody, SearchQuery } from '../schemas/knowledge';
import { AbsenceInput, AbsenceList, NewPerson, PersonChange, TokenRequest } from '../schemas/people';
import { ProductReturnSchema } from '../schemas/product-returns';
import { Query as RecommendationQuery } from '../schemas/recommendations';
import { DailyQuery, MonthlyQuery, REPORT_READERS, TestSendBody } from '../schemas/reports';
import { FIGURE_WRITERS, FigureList, MonthQuery, RATE_READERS } from '../schemas/return-rate';
import { EvaluateBody, OpenBody } from '../schemas/returns';
import { FactoryRepairSchema, PauseSchema, ResumeSchema, ServiceCaseSchema } from '../schemas/service-cases';
import { ArrivalSchema, ShipmentSchema, UnitsSchema } from '../schemas/shipments';
import { ItemBody, ListQuery as StockListQuery, MoveBody, PartsBody } from '../schemas/stock';
import { ClaimBody, InboxQuery, ReassignBody } from '../schemas/tasks';
import { ListQuery as UserListQuery, PresenceBody } from '../schemas/users';

const PEOPLE_ADMINS = ['supervisor', 'admin'] as const;
const csvOrJson = (what: string) => ({
  description: what,
  content: {
    'application/json': { schema: { type: 'object' } },
    'text/csv': { schema: { type: 'string', description: 'one table (table=...) or all, each under a "# title" line; UTF-8 with BOM' } },
  },
});
const stockKey = {
  name: IDEMPOTENCY_HEADER,
  in: 'header',
  required: false,
  schema: { type: 'string', minLength: 1, maxLength: 200, pattern: '^\\S+$' },
  description: 'Same as body `key`: a repeated request with the same key moves nothing again',
};
const shortages = {
  description: 'Not enough stock: error.details.shortages lists each sku with requested and onHand; nothing moved',
  schema: {
    type: 'object',
    required: ['error'],
    properties: {
      error: {
        type: 'object',
        required: ['code', 'message'],
        properties: {
          code: { type: 'string' },
          message: { type: 'string' },
          details: { type: 'object', properties: { shortages: { type: 'array', items: { type: 'object', properties: { sku: { type: 'string' }, requested: { type: 'integer' }, onHand: { type: 'integer' } } } } } },
        },
      },
    },
  },
};

const health: Operation[] = [
  { method: 'get', path: '/health/live', tag: 'health', public: true, summary: 'Liveness: the process runs', ok: { 200: '{status, uptimeSeconds}' } },
  { method: 'get', path: '/health/ready', tag: 'health', public: true, summary: 'Readiness: MongoDB answers a ping and Temporal is reachable', ok: { 200: '{ready, checks}', 503: '{ready: false, checks, errors}, with Retry-After' } },
  { method: 'get', path: '/health', tag: 'health', public: true, summary: 'Liveness (same as /health/live)', ok: { 200: '{status, uptimeSeconds}' } },
  { method: 'get', path: '/ready', tag: 'health', public: true, summary: 'Readiness (same as /health/ready)', ok: { 200: '{ready, checks}', 503: '{ready: false, checks, errors}, with Retry-After' } },
  { method: 'get', path: '/openapi.json', tag: 'health', public: true, summary: 'This document', ok: { 200: 'the OpenAPI document' } },
  { method: 'get', path: '/console/meta', tag: 'health', public: true, summary: "What the console needs before sign-in: task titles, time zone, the Temporal UI's address, development users (development mode only)", ok: { 200: '{taskTitles, timeZone, temporalUi, devUsers}' } },
  { method: 'get', path: '/console/forms', tag: 'health', public: true, summary: 'The forms the console opens cases with: each opening route, the roles it accepts and the JSON Schema of its body (built from the operations below)', ok: { 200: '{items: [{kind, path, roles, schema}]}' } },
];

const people: Operation[] = [
  { method: 'get', path: '/me', tag: 'people', summary: 'The signed-in person and roles', ok: { 200: '{userId, roles, name}' } },
  { method: 'get', path: '/users', tag: 'people', summary: 'Active people, optionally of one role (for pickers)', query: UserListQuery, ok: { 200: '{items: [{id, name, roles, inOffice, currentJob}]}' } },
  { method: 'put', path: '/users/{id}/presence', tag: 'people', summary: "A technician's presence: inOffice (routes phone diagnosis) and currentJob location; the technician or a supervisor", params: P.PersonIdParams, body: PresenceBody, ok: { 200: 'the person' }, errors: { 403: 'only the technician or a supervisor', 422: 'the person is not a technician (only a technician has a presence)' } },
  { method: 'get', path: '/people', tag: 'people', roles: PEOPLE_ADMINS, summary: 'Everyone with contact details, token list (never the tokens) and absences', ok: { 200: '{items}' } },
  { method: 'post', path: '/people', tag: 'people', roles: PEOPLE_ADMINS, summary: 'Add a person (only an admin grants the admin role)', body: NewPerson, ok: { 201: 'the person' }, errors: { 409: 'a person with that id exists' } },
  { method: 'get', path: '/people/{id}', tag: 'people', summary: 'A person (themself, supervisor, admin)', params: P.PersonIdParams, ok: { 200: 'the person' }, errors: { 403: 'another person: supervisor or admin only' } },
  { method: 'patch', path: '/people/{id}', tag: 'people', roles: PEOPLE_ADMINS, summary: 'Change a person: roles, contact details (null removes), locale, active, office presence. Deactivation offers their open tasks to the supervisor', params: P.PersonIdParams, body: PersonChange, ok: { 200: 'the person, and tasksToReassign on deactivation' }, errors: { 422: 'you cannot deactivate yourself' } },
  { method: 'post', path: '/people/{id}/tokens', tag: 'people', roles: PEOPLE_ADMINS, summary: 'Issue an API token. The token is in this response only; just its SHA-256 hash is stored', params: P.PersonIdParams, body: TokenRequest, ok: { 201: '{id, label, createdAt, createdBy, personId, token}' }, errors: { 409: 'the person is inactive' } },
  { method: 'delete', path: '/people/{id}/tokens/{tokenId}', tag: 'people', roles: PEOPLE_ADMINS, summary: 'Revoke a token; it stops at once', params: P.TokenParams, ok: { 204: 'revoked' } },
  { method: 'post', path: '/people/{id}/absences', tag: 'people', summary: 'Record an absence (the person, a supervisor or an admin): new phone diagnoses and recommendations skip them meanwhile; their open tasks are offered to the supervisor at once', params: P.PersonIdParams, body: AbsenceInput, ok: { 201: '{absence, tasksToReassign}' }, errors: { 403: 'only the person themself, a supervisor or an admin', 409: 'overlaps an absence on record', 422: 'until must lie ahead (an absence already over changes nothing)' } },
  { method: 'put', path: '/people/{id}/absences', tag: 'people', summary: 'Replace the current and future absences (past ones stay on record); new ones offer the open tasks to the supervisor', params: P.PersonIdParams, body: AbsenceList, ok: { 200: '{absences, tasksToReassign}' }, errors: { 403: 'only the person themself, a supervisor or an admin', 422: 'an until that is already over, or two absences that overlap' } },
  { method: 'delete', path: '/people/{id}/absences/{absenceId}', tag: 'people', summary: 'End an absence early (one not started yet is withdrawn)', params: P.AbsenceParams, ok: { 200: '{absences}' }, errors: { 403: 'only the person themself, a supervisor or an admin', 409: 'the absence is already over' } },
  { method: 'get', path: '/audit', tag: 'people', roles: ['supervisor', 'admin'], summary: 'The audit trail: every state-changing request with who, method, path, status, when and from where; newest first', query: AuditQuery, ok: { 200: '{items: [{id, at, userId, method, path, status, ip, aborted}], nextCursor}' } },
];

const calendar: Operation[] = [
  { method: 'get', path: '/calendar', tag: 'calendar', summary: 'The effective working-time calendar (built-in national schedule + administrator changes)', ok: { 200: '{timeZone, periods, weekdays, years, overrides, confirmedYears, unconfirmedYears}' } },
  { method: 'get', path: '/calendar/days/{date}', tag: 'calendar', summary: 'Whether a date is a working day', params: P.DateParams, ok: { 200: '{date, working}' } },
  { method: 'get', path: '/calendar/deadline', tag: 'calendar', summary: 'Deadline preview: from + workingHours or workingDays (give exactly one of the two)', query: DeadlineQuery, ok: { 200: '{from, dueAt, unconfirmedYears, assumedWeekendsOnly}' }, errors: { 422: 'give exactly one of workingHours and workingDays' } },
  { method: 'put', path: '/calendar/years/{year}', tag: 'calendar', roles: ['supervisor', 'director'], summary: "Set a year's holidays and make-up working days (dates within the year, or late December / early January of its neighbours)", params: P.YearParams, body: YearBody, ok: { 200: '{year, holidays, workdays}' }, errors: { 422: 'a date outside the year (or late December / early January of its neighbours), or a merged calendar that would not be valid' } },
  { method: 'put', path: '/calendar/overrides/{date}', tag: 'calendar', roles: ['supervisor', 'director'], summary: 'Override one day as holiday or workday', params: P.DateParams, body: OverrideBody, ok: { 200: '{date, kind}' }, errors: { 422: 'the merged calendar would not be valid' } },
  { method: 'delete', path: '/calendar/overrides/{date}', tag: 'calendar', roles: ['supervisor', 'director'], summary: 'Remove a day override', params: P.DateParams, ok: { 204: 'removed' } },
];

const cases: Operation[] = [
  { method: 'post', path: '/calls', tag: 'cases', summary: 'Log a call (every call is registered)', body: CallSchema, idempotent: true, ok: { 201: '{id}' }, errors: { 404: 'caseId names no case' } },
  { method: 'get', path: '/calls', tag: 'cases', summary: 'Calls the caller took or that concern cases the caller works on (supervisor and above: all), newest first', query: CallListQuery, ok: { 200: '{items}' } },
  { method: 'get', path: '/cases', tag: 'cases', summary: 'Cases the caller works on (supervisor, director, general manager: all), newest first: open ones by default; closed ones with open=false (or status=closed)', query: CaseListQuery, ok: { 200: '{items, nextCursor}' } },
  { method: 'get', path: '/cases/{id}', tag: 'cases', summary: 'A case: status, timeline, tasks, deadlines, notifications (404 for a case the caller does not work on)', params: P.CaseIdParams, ok: { 200: 'the case' } },
  { method: 'post', path: '/cases/{id}/cancel', tag: 'cases', summary: 'Cancel a waiting case with a reason (processes that allow it; supervisor)', params: P.CaseIdParams, body: CancelBody, ok: { 200: '{caseId, status, cancelRequested}' }, errors: { 403: 'the process refuses this person', 409: 'the case cannot be cancelled (now)' } },
  { method: 'post', path: '/cases/{id}/clock/pause', tag: 'cases', roles: ['agent', 'supervisor'], summary: "Pause a service case's or factory repair's turnaround clock while it waits on the customer or the manufacturer", params: P.CaseIdParams, body: PauseSchema, ok: { 200: '{caseId, clock}' }, errors: { 409: 'no turnaround clock, or already paused' } },
  { method: 'post', path: '/cases/{id}/clock/resume', tag: 'cases', roles: ['agent', 'supervisor'], summary: 'Resume the clock: the paused working time is recorded, excluded and added to the deadline', params: P.CaseIdParams, body: ResumeSchema, ok: { 200: '{caseId, clock}' }, errors: { 409: 'no turnaround clock, or not paused' } },
  { method: 'post', path: '/inquiries', tag: 'cases', roles: ['agent'], summary: 'Open an inquiry (market or technical): logs the call and starts SPEC 3.8', body: InquirySchema, idempotent: true, ok: { 201: '{caseId}' }, errors: { 422: 'salesManagerId names no active sales manager' } },
  { method: 'post', path: '/coordination-forms', tag: 'cases', roles: ['agent', 'supervisor', 'technician', 'qc'], summary: 'Open a coordination form for production (SPEC 3.9); dueAt defaults to the configured working days ahead', body: CoordinationSchema, idempotent: true, ok: { 201: '{caseId, dueAt}' }, errors: { 404: 'relatedCaseId names no case', 422: 'dueAt does not lie in the future' } },
  { method: 'post', path: '/service-cases', tag: 'cases', roles: ['agent'], summary: 'Open a service case from a call: logs the call, texts the customer the case number and starts SPEC 3.1', body: ServiceCaseSchema, idempotent: true, ok: { 201: '{caseId, callId}' } },
  { method: 'post', path: '/factory-repairs', tag: 'cases', roles: ['agent', 'qc', 'warehouse'], summary: 'Open a factory repair for a device sent in directly; the 3-working-day turnaround runs from receivedAt (default now)', body: FactoryRepairSchema, idempotent: true, ok: { 201: '{caseId}' }, errors: { 422: 'receivedAt lies in the future' } },
  { method: 'post', path: '/complaints', tag: 'cases', roles: ['agent', 'supervisor'], summary: "Record a customer's complaint about an employee: the supervisor investigates; substantiated, the fine is proposed into the fines ledger (handbook part 5 rule 6)", body: ComplaintSchema, ok: { 201: '{caseId}' }, errors: { 404: 'relatedCaseId names no case', 422: 'staffId names no active person' } },
];

const tasks: Operation[] = [
  { method: 'get', path: '/tasks', tag: 'tasks', summary: "The caller's inbox: their tasks, their roles' unassigned tasks, tasks escalated to their roles, tasks of absent colleagues; by due time", query: InboxQuery, ok: { 200: '{items, nextCursor}' }, errors: { 403: 'role names a role the caller does not hold' } },
  { method: 'get', path: '/tasks/{id}', tag: 'tasks', summary: 'A task with its context and the form to render (each outcome with the JSON Schema of its payload)', params: P.TaskIdParams, ok: { 200: 'the task, with mayComplete and form' } },
  {
    method: 'post',
    path: '/tasks/{id}/complete',
    tag: 'tasks',
    summary: 'Complete a task with an outcome and its payload; the body is one of the alternatives below (task kind: outcome), checked by the workflow',
    params: P.TaskIdParams,
    body: completionBody(),
    idempotent: true,
    ok: { 200: 'the completed task' },
    errors: { 403: 'the task is for another role or person', 409: 'the task is no longer open, or its case is closed' },
  },
  { method: 'post', path: '/tasks/{id}/reassign', tag: 'tasks', summary: 'Hand an open task to another active person of its role, with a reason (supervisor, or a level it escalated to)', params: P.TaskIdParams, body: ReassignBody, ok: { 200: 'the task' }, errors: { 403: 'only a supervisor or a level the task escalated to', 409: 'the task is no longer open' } },
  { method: 'post', path: '/tasks/{id}/claim', tag: 'tasks', summary: 'Take an unassigned task of your role (or one whose holder is absent)', params: P.TaskIdParams, body: ClaimBody, ok: { 200: 'the task' }, errors: { 403: 'the task is for another role', 409: 'the task is held by someone else or no longer open' } },
];

const processes: Operation[] = [
  { method: 'post', path: '/returns/evaluate', tag: 'returns', summary: 'Dry-run evaluation of a return request under the rulebook (starts and writes nothing)', body: EvaluateBody, ok: { 200: '{asOf, evaluation}' }, errors: { 422: 'the rulebook\'s cross-field rules: dates by product and in order, packaging, film, request.stage' } },
  { method: 'post', path: '/returns', tag: 'returns', roles: ['agent'], summary: 'Open a sales return: evaluates as of asOf (default now, not in the future) and starts the workflow with the same evaluation', body: OpenBody, idempotent: true, ok: { 201: '{caseId, evaluation}' }, errors: { 422: 'the rulebook\'s cross-field rules (dates by product and in order, packaging, film, request.stage); asOf ahead; no invoiceValue; salespersonId / salesManagerId not active in that role' } },
  { method: 'post', path: '/shipments', tag: 'shipments', roles: ['sales_manager', 'salesperson'], summary: 'Open a shipment from the shipping request: payment, delivery note, units into the registry, dispatch, arrival tracking, receipt (SPEC 3.2)', body: ShipmentSchema, idempotent: true, ok: { 201: '{caseId}' }, errors: { 422: 'a model listed twice' } },
  { method: 'post', path: '/shipments/{id}/units', tag: 'shipments', roles: ['agent', 'supervisor'], summary: 'Record shipped units in the unit registry while the shipment is at that step; all or none', params: P.ShipmentIdParams, body: UnitsSchema, ok: { 201: '{caseId, recorded, total, expected}' }, errors: { 409: 'a serial is already recorded, or the shipment is not at that step', 422: 'a productionDate after its shipDate' } },
  { method: 'post', path: '/shipments/{id}/waybills/{waybill}/arrival', tag: 'shipments', roles: ['logistics', 'supervisor'], summary: 'Arrival update for a waybill: arrived, or delayed with a new expected arrival (restarts the reminder and escalation)', params: P.WaybillParams, body: ArrivalSchema, ok: { 200: '{caseId, waybill}' }, errors: { 409: 'the waybill is not awaiting arrival' } },
  { method: 'get', path: '/receipts/{token}', tag: 'shipments', public: true, summary: "What a customer's receipt link is for (no sign-in: the token is the credential)", params: P.ReceiptTokenParams, ok: { 200: '{caseId, waybill, confirm}' }, errors: { 410: 'the link was used or has expired' } },
  { method: 'post', path: '/receipts/{token}', tag: 'shipments', public: true, summary: 'The customer confirms receipt of the waybill; single use, expires', params: P.ReceiptTokenParams, ok: { 200: '{caseId, waybill, confirmed}' }, errors: { 410: 'the link was used or has expired; nothing changes' } },
  { method: 'post', path: '/installations', tag: 'installations', roles: ['agent', 'sales_manager'], summary: 'Open an installation: date, market-support request, general manager approval, technician and trip, progress reports, feedback (SPEC 3.3)', body: InstallationSchema, idempotent: true, ok: { 201: '{caseId}' }, errors: { 422: 'a serial listed twice, or a serial outside the unit registry without its model' } },
  { method: 'post', path: '/exchanges', tag: 'exchanges', roles: ['agent'], summary: 'Open a product exchange: receipt, QC inspection, stock-in, replacement by serial, stock-out and shipment (SPEC 3.5)', body: ExchangeSchema, idempotent: true, ok: { 201: '{caseId}' }, errors: { 422: 'the returned serial is outside the unit registry and has no model, or the registry names another model' } },
  { method: 'post', path: '/product-returns', tag: 'exchanges', roles: ['agent', 'sales_manager'], summary: 'Open a product return at the end of a relationship: receipt, QC inspection, stock-in on a pass, a charge negotiated on a fail (SPEC 3.6)', body: ProductReturnSchema, idempotent: true, ok: { 201: '{caseId}' }, errors: { 422: 'the returned serial is outside the unit registry and has no model, or the registry names another model' } },
  { method: 'get', path: '/units/{serial}', tag: 'shipments', summary: 'A unit from the registry with every case that touched it, newest first', params: P.SerialParams, ok: { 200: '{unit, cases}' } },
];

const ledgers: Operation[] = [
  { method: 'get', path: '/stock', tag: 'stock', summary: 'Stock items (q matches sku or name)', query: StockListQuery, ok: { 200: '{page, pageSize, total, items}' } },
  { method: 'get', path: '/stock/{sku}', tag: 'stock', summary: 'A stock item: on hand, checked out per case, latest movements', params: P.SkuParams, ok: { 200: 'the item' } },
  { method: 'post', path: '/stock/items', tag: 'stock', roles: ['warehouse'], summary: 'Create or rename a stock item; onHand = a counted quantity (stocktake, recorded as an adjust movement)', headers: [stockKey], body: ItemBody, ok: { 200: 'updated', 201: 'created' }, errors: { 422: 'the key was used for a different request' } },
  { method: 'post', path: '/stock/in', tag: 'stock', roles: ['warehouse'], summary: 'Goods into stock', headers: [stockKey], body: MoveBody, ok: { 201: '{ok, key, sku, qty, onHand, replayed}' }, errors: { 404: 'unknown sku', 422: 'the key was used for a different request' } },
  { method: 'post', path: '/stock/out', tag: 'stock', roles: ['warehouse'], summary: 'Goods out of stock; refused with 409 rather than going negative', headers: [stockKey], body: MoveBody, ok: { 201: '{ok, key, sku, qty, onHand, replayed}' }, errors: { 404: 'unknown sku', 409: shortages, 422: 'the key was used for a different request' } },
  { method: 'post', path: '/stock/check-out', tag: 'stock', roles: ['technician'], summary: 'Check parts and tools out for a case: all or nothing', headers: [stockKey], body: PartsBody, ok: { 201: '{ok, key, caseId, items: [{sku, name, qty, onHand}], replayed}' }, errors: { 404: 'unknown case or sku', 409: shortages, 422: 'the key was used for a different request' } },
  { method: 'post', path: '/stock/return', tag: 'stock', roles: ['technician'], summary: 'Return unused parts of a case (never more than the case checked out: 409)', headers: [stockKey], body: PartsBody, ok: { 201: '{ok, key, caseId, items, replayed}' }, errors: { 404: 'unknown case or sku', 409: 'more than the case holds', 422: 'the key was used for a different request' } },
  { method: 'get', path: '/knowledge', tag: 'knowledge', summary: 'Search the knowledge base (标准化问题库) by product model, fault category and words (Chinese or English)', query: SearchQuery, ok: { 200: '{page, pageSize, total, items: [{id, title, problem, cause, solution, prevention, score, match}]}' } },
  { method: 'post', path: '/knowledge', tag: 'knowledge', roles: ['supervisor', 'technician'], summary: 'Add a standard entry by hand; with sourceCaseId the id is KB-<caseId>', body: EntryBody, idempotent: true, ok: { 200: 'updated {id}', 201: 'created {id}' }, errors: { 404: 'sourceCaseId names no case' } },
  { method: 'get', path: '/knowledge/{id}', tag: 'knowledge', summary: 'A knowledge-base entry', params: P.KnowledgeIdParams, ok: { 200: 'the entry' } },
  { method: 'get', path: '/recommendations/technicians', tag: 'knowledge', roles: ['supervisor', 'director'], summary: 'Ranked, explained technician candidates for an allocation, with matching knowledge-base entries; lat and lng together, or an address whose district / city stands in for the distance', query: RecommendationQuery, ok: { 200: '{candidates, unranked, knowledge}' } },
  { method: 'get', path: '/fines', tag: 'fines', roles: FINE_READERS, summary: 'The fines ledger', query: FineListQuery, ok: { 200: '{page, pageSize, total, items}' } },
  { method: 'post', path: '/fines', tag: 'fines', roles: ['supervisor'], summary: 'Propose a fine by hand: procedure violation, salesperson or warehouse error, overdue return that caused a loss; once per violation key', body: ProposeBody, ok: { 201: 'proposed', 200: 'already proposed' }, errors: { 404: 'caseId names no case', 422: 'partyUserId names no active person' } },
  { method: 'get', path: '/fines/totals', tag: 'fines', roles: FINE_READERS, summary: 'Confirmed fines per person for a month (and how many are still proposed)', query: TotalsQuery, ok: { 200: '{month, people, confirmedTotal}' } },
  { method: 'post', path: '/fines/{id}/confirm', tag: 'fines', roles: ['supervisor'], summary: 'Confirm a proposed fine with an amount within its range', params: P.FineIdParams, body: ConfirmBody, ok: { 200: 'the fine' }, errors: { 409: 'already decided' } },
  { method: 'post', path: '/fines/{id}/dismiss', tag: 'fines', roles: ['supervisor'], summary: 'Dismiss a proposed fine with a reason', params: P.FineIdParams, body: DismissBody, ok: { 200: 'the fine' }, errors: { 409: 'already decided' } },
  { method: 'post', path: '/sales-figures', tag: 'fines', roles: FIGURE_WRITERS, summary: 'Record monthly sales values per salesperson; all rows or none', body: FigureList, ok: { 201: '{imported, items}' }, errors: { 422: 'a salesperson who is not active, or two rows for the same salesperson and month (each row listed)' } },
  {
    method: 'post',
    path: '/sales-figures/import',
    tag: 'fines',
    roles: FIGURE_WRITERS,
    summary: 'Import sales figures as CSV with the header salesperson,month,value; each bad row is reported by line and nothing is imported',
    bodyContent: { 'text/csv': { schema: { type: 'string', example: 'salesperson,month,value\nsp1,2026-03,120000\n' } } },
    ok: { 201: '{imported, items}' },
    errors: { 415: 'not text/csv', 422: 'well-formed rows naming a salesperson who is not active, or two rows for the same salesperson and month (each row listed)' },
  },
  { method: 'get', path: '/reports/return-rate', tag: 'reports', roles: RATE_READERS, summary: 'Monthly return rate per salesperson (exclusions, 2.5% flag, overdraft sales with the proposed fine and its ledger status); read-only', query: MonthQuery, ok: { 200: 'the report' } },
  { method: 'post', path: '/reports/return-rate/fines', tag: 'reports', roles: ['supervisor', 'director'], summary: 'Record the overdraft-sales fines of a month in the fines ledger; idempotent', query: MonthQuery, ok: { 200: '{month, fines}' } },
  { method: 'get', path: '/reports/daily', tag: 'reports', roles: REPORT_READERS, summary: "The daily report's figures; date defaults to today; format=csv", query: DailyQuery, ok: { 200: csvOrJson('the report') } },
  { method: 'get', path: '/reports/monthly', tag: 'reports', roles: REPORT_READERS, summary: 'The monthly management report; month defaults to last month; format=csv', query: MonthlyQuery, ok: { 200: csvOrJson('the report') } },
  { method: 'post', path: '/reports/{kind}/test-send', tag: 'reports', roles: ['supervisor'], summary: 'Send the daily or monthly report e-mail now to the caller or `to`; the scheduled delivery is not affected', params: P.ReportKindParams, body: TestSendBody, ok: { 200: '{sentTo, subject, period, messageId}' }, errors: { 422: 'date for daily, month for monthly; no e-mail address on file and no to' } },
];

export const OPERATIONS: readonly Operation[] = [...health, ...people, ...calendar, ...cases, ...tasks, ...processes, ...ledgers];
