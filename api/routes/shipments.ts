// SPEC 3.2: opening a shipment (the shipping request), recording its units into the registry, and logistics'
// arrival updates. Tasks are completed with the generic POST /tasks/{id}/complete.
import { Router } from 'express';
import type { Config } from '../../config';
import type { shipmentWorkflow } from '../../workflows/shipment';
import { arrivalUpdate, recordUnitsUpdate, type ShipmentTimings } from '../../workflows/shipment/definitions';
import { actorOf, requireRole } from '../auth';
import { newCaseId, taskPolicy, type ApiDeps } from '../deps';
import { conflict, notFound, parse, unprocessable } from '../errors';
import { updateRefusalToHttp } from '../workflow-errors';
import { TASK_ERROR } from '../../workflows/definitions';
import { installationSettings } from './installations';
import { createOnce, startWorkflowOnce } from '../idempotency';
import { ShipmentSchema, UnitsSchema, ArrivalSchema } from '../schemas/shipments';

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
        // The units passed their schema: the workflow refuses only what does not fit the order (a serial twice,
        // more units than ordered, a model not on the shipment), a 422.
        throw updateRefusalToHttp(err, id, { [TASK_ERROR.invalid]: unprocessable });
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
