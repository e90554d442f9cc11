// SPEC 3.2: opening a shipment (the shipping request), recording its units into the registry, and logistics'
// arrival updates. Tasks are completed with the generic POST /tasks/{id}/complete.
import { Router } from 'express';
import { z } from 'zod';
import type { Config } from '../../config';
import type { shipmentWorkflow } from '../../workflows/shipment';
import { arrivalUpdate, recordUnitsUpdate, type ShipmentTimings } from '../../workflows/shipment/definitions';
import { actorOf, requireRole } from '../auth';
import { newCaseId, taskPolicy, type ApiDeps } from '../deps';
import { conflict, notFound, parse } from '../errors';
import { dateTime, isoDate, text as safeText } from '../fields';
import { updateRefusalToHttp } from '../workflow-errors';
import { CustomerSchema } from './calls';
import { installationSettings } from './installations';
import { SerialSchema } from './units';
import { createOnce, startWorkflowOnce } from '../idempotency';

const text = (max: number) => safeText().trim().min(1, 'must not be empty').max(max);
const localDate = (what: string) => isoDate(what);

const ShipmentSchema = z
  .object({
    customer: CustomerSchema.extend({ phone: safeText({ error: (iss) => (iss.input === undefined ? 'required: the receipt link is sent by SMS' : undefined) }).trim().regex(/^\+?[0-9][0-9 -]{5,19}$/, 'must be a phone number such as +8613800138000') }),
    address: text(500).describe('delivery address'),
    salesOrder: safeText().trim().max(64).optional().describe('the sales order number'),
    items: z
      .array(
        z
          .object({
            model: text(100).describe('product model'),
            category: z.enum(['phone', 'electrical', 'computer', 'other']).optional(),
            quantity: z.number().int('quantity must be a whole number').min(1).max(1000).describe('units of this model'),
            needsInstallation: z.boolean().default(false).describe('received units start an installation'),
          })
          .strict(),
      )
      .min(1, 'list at least one item')
      .max(50),
  })
  .strict()
  .superRefine((b, ctx) => {
    const models = b.items.map((i) => i.model);
    models.forEach((m, i) => models.indexOf(m) !== i && ctx.addIssue({ code: 'custom', path: ['items', i, 'model'], message: `model ${m} is listed twice` }));
  });

export const UnitsSchema = z
  .object({
    units: z
      .array(
        z
          .object({
            serial: SerialSchema.describe('serial number (串号)'),
            model: text(100),
            productionDate: localDate('productionDate'),
            shipDate: localDate('shipDate'),
            purchasedAt: localDate('purchasedAt').optional().describe("the customer's purchase date when it differs from the ship date"),
          })
          .strict()
          .refine((u) => u.productionDate <= u.shipDate, { message: 'productionDate must not be after shipDate', path: ['productionDate'] }),
      )
      .min(1)
      .max(1000),
  })
  .strict();

const ArrivalSchema = z
  .object({
    status: z.enum(['arrived', 'delayed']),
    expectedArrival: dateTime('expectedArrival').optional(),
    note: safeText().trim().max(2000).optional(),
  })
  .strict()
  .refine((b) => b.status !== 'delayed' || b.expectedArrival, { message: 'a delay needs expectedArrival', path: ['expectedArrival'] });

export function shipmentTimings(cfg: Config): ShipmentTimings {
  return {
    stepWorkingHours: cfg.SHIPMENT_STEP_WORKING_HOURS,
    arrivalEscalateWorkingHours: cfg.SHIPMENT_ARRIVAL_ESCALATE_WORKING_HOURS,
    receiptConfirmWorkingHours: cfg.SHIPMENT_RECEIPT_CONFIRM_WORKING_HOURS,
    receiptLinkTtlMs: cfg.RECEIPT_LINK_TTL_HOURS * 3_600_000,
  };
}

export function shipmentRoutes(deps: ApiDeps): Router {
  const r = Router();
  const { cfg } = deps;

  r.post(
    '/shipments',
    async (req, res) => {
      requireRole(req, 'sales_manager', 'salesperson');
      const body = parse(ShipmentSchema, req.body);
      await createOnce(req, res, deps, { scope: 'shipments', body, ids: () => ({ caseId: newCaseId('SHP', new Date(), cfg.TIME_ZONE) }) }, async ({ caseId }) => {
        await startWorkflowOnce<typeof shipmentWorkflow>(deps, 'shipmentWorkflow', {
          taskQueue: cfg.TEMPORAL_TASK_QUEUE,
          workflowId: caseId,
          args: [{ caseId, openedBy: actorOf(req).userId, customer: body.customer, address: body.address, salesOrder: body.salesOrder, items: body.items, timings: shipmentTimings(cfg), publicBaseUrl: cfg.PUBLIC_BASE_URL, installation: installationSettings(cfg), policy: taskPolicy(cfg) }],
        });
        deps.log.info({ caseId }, 'shipment opened');
        return { status: 201, body: { caseId } };
      });
    },
  );

  r.post(
    '/shipments/:id/units',
    async (req, res) => {
      requireRole(req, 'agent', 'supervisor');
      const body = parse(UnitsSchema, req.body);
      const id = req.params.id!;
      if (!(await deps.models.Case.exists({ _id: id, kind: 'shipment' }))) throw notFound(`shipment ${id} not found`);
      // A serial is recorded once: refused here before the workflow is asked (the workflow checks again).
      const known = await deps.models.Unit.find({ _id: { $in: body.units.map((u) => u.serial) } }, { caseId: 1 }).lean<Array<{ _id: string; caseId?: string }>>();
      if (known.length) throw conflict(`already recorded: ${known.map((k) => `${k._id} (case ${k.caseId})`).join(', ')}`);
      const actor = actorOf(req);
      try {
        const result = await deps.temporal.workflow.getHandle(id).executeUpdate(recordUnitsUpdate, { args: [{ units: body.units, actor: { userId: actor.userId, roles: actor.roles } }] });
        res.status(201).json({ caseId: id, ...result });
      } catch (err) {
        throw updateRefusalToHttp(err, id);
      }
    },
  );

  r.post(
    '/shipments/:id/waybills/:waybill/arrival',
    async (req, res) => {
      requireRole(req, 'logistics', 'supervisor');
      const body = parse(ArrivalSchema, req.body);
      const id = req.params.id!;
      if (!(await deps.models.Case.exists({ _id: id, kind: 'shipment' }))) throw notFound(`shipment ${id} not found`);
      const actor = actorOf(req);
      try {
        const w = await deps.temporal.workflow.getHandle(id).executeUpdate(arrivalUpdate, { args: [{ waybill: req.params.waybill!, ...body, actor: { userId: actor.userId, roles: actor.roles } }] });
        res.json({ caseId: id, waybill: w });
      } catch (err) {
        throw updateRefusalToHttp(err, id);
      }
    },
  );
  return r;
}
