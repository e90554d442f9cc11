// SPEC 3.3: opening an installation directly (units sold without a shipment here, or a re-installation); a
// shipment starts its own when units that need one are received.
import { Router } from 'express';
import type { Config } from '../../config';
import type { installationWorkflow } from '../../workflows/installation';
import type { InstallationSettings } from '../../workflows/installation/definitions';
import { actorOf, requireRole } from '../auth';
import { newCaseId, taskPolicy, type ApiDeps } from '../deps';
import { parse, unprocessable } from '../errors';
import { createOnce, startWorkflowOnce } from '../idempotency';
import { InstallationSchema } from '../schemas/installations';

export function installationSettings(cfg: Config): InstallationSettings {
  return {
    timings: {
      stepWorkingHours: cfg.INSTALLATION_STEP_WORKING_HOURS,
      approvalWorkingHours: cfg.INSTALLATION_APPROVAL_WORKING_HOURS,
      reportWorkingHours: cfg.INSTALLATION_REPORT_WORKING_HOURS,
      reportAlertWorkingHours: cfg.INSTALLATION_REPORT_ALERT_WORKING_HOURS,
    },
    policy: taskPolicy(cfg),
  };
}

export function installationRoutes(deps: ApiDeps): Router {
  const r = Router();
  r.post(
    '/installations',
    async (req, res) => {
      requireRole(req, 'agent', 'sales_manager');
      const body = parse(InstallationSchema, req.body);
      const serials = body.units.map((u) => u.serial);
      const dup = serials.find((s, i) => serials.indexOf(s) !== i);
      if (dup) throw unprocessable(`units: serial ${dup} is listed twice`);
      const known = new Map((await deps.models.Unit.find({ _id: { $in: serials } }, { model: 1 }).lean<Array<{ _id: string; model: string }>>()).map((u) => [u._id, u.model]));
      const units = body.units.map((u) => ({ serial: u.serial, model: u.model ?? known.get(u.serial) }));
      const unknown = units.filter((u) => !u.model).map((u) => u.serial);
      if (unknown.length) throw unprocessable(`units: no model given and not in the unit registry: ${unknown.join(', ')}`);
      await createOnce(req, res, deps, { scope: 'installations', body, ids: () => ({ caseId: newCaseId('INS', new Date(), deps.cfg.TIME_ZONE) }) }, async ({ caseId }) => {
        await startWorkflowOnce<typeof installationWorkflow>(deps, 'installationWorkflow', {
          taskQueue: deps.cfg.TEMPORAL_TASK_QUEUE,
          workflowId: caseId,
          args: [{ caseId, openedBy: actorOf(req).userId, customer: body.customer, address: body.address, location: body.location, units: units as Array<{ serial: string; model: string }>, settings: installationSettings(deps.cfg) }],
        });
        deps.log.info({ caseId }, 'installation opened');
        return { status: 201, body: { caseId } };
      });
    },
  );
  return r;
}
