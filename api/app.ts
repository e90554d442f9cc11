// The HTTP API: a thin layer that validates, authenticates and hands work to workflows or reads MongoDB.
import express from 'express';
import { authenticate, parseTokenMap } from './auth';
import type { ApiDeps } from './deps';
import { errorHandler, notFound } from './errors';
import { refuseUnsafeInput } from './safe-input';
import { auditTrail } from './audit';
import { auditRoutes } from './routes/audit';
import { checkReadiness, mongoProbe, temporalProbe } from '../health/readiness';
import { healthRoutes } from '../health/routes';
import { openApiDocument } from './openapi/document';
import { calendarRoutes } from './routes/calendar';
import { callRoutes } from './routes/calls';
import { caseRoutes } from './routes/cases';
import { coordinationRoutes } from './routes/coordination';
import { inquiryRoutes } from './routes/inquiries';
import { taskRoutes } from './routes/tasks';
import { userRoutes } from './routes/users';
import { peopleRoutes } from './routes/people';
import { returnRoutes } from './routes/returns';
import { returnRateRoutes } from './routes/return-rate';
import { fineRoutes } from './routes/fines';
import { stockRoutes } from './routes/stock';
import { knowledgeRoutes } from './routes/knowledge';
import { recommendationRoutes } from './routes/recommendations';
import { serviceCaseRoutes } from './routes/service-cases';
import { unitRoutes } from './routes/units';
import { receiptRoutes } from './routes/receipts';
import { shipmentRoutes } from './routes/shipments';
import { installationRoutes } from './routes/installations';
import { exchangeRoutes } from './routes/exchanges';
import { productReturnRoutes } from './routes/product-returns';
import { consoleRoutes } from './routes/console';
import { reportRoutes } from './routes/reports';
import { docsRoutes } from './routes/docs';

export function createApp(deps: ApiDeps): express.Express {
  const app = express();
  app.disable('x-powered-by');
  // Recorded whether refused or not, so the audit trail also shows attempts (401, 403, 400, 413).
  app.use(auditTrail(deps.db, deps.log));
  app.use(express.json({ limit: '1mb' }));
  // Express 5 leaves req.body undefined without a parsed body; the routes' schemas read an empty body as {}.
  app.use((req, _res, next) => {
    if (req.body === undefined) req.body = {};
    next();
  });
  app.use(refuseUnsafeInput);
  app.use((req, res, next) => {
    const started = process.hrtime.bigint();
    res.on('finish', () => {
      deps.log.info({ method: req.method, path: req.path, status: res.statusCode, ms: Number(process.hrtime.bigint() - started) / 1e6 }, 'request');
    });
    next();
  });

  const readiness = () => checkReadiness([mongoProbe(deps.db), temporalProbe(deps.temporal.connection)], deps.cfg.READINESS_CHECK_TIMEOUT_MS);
  app.use(healthRoutes(readiness, deps.cfg.RETRY_AFTER_SECONDS));
  app.get('/openapi.json', (_req, res) => res.json(openApiDocument()));
  // The interactive page of that document (Swagger UI), like it readable without a token.
  app.use(docsRoutes());
  // The console (static files, its /ui pages and what it needs before sign-in) needs no token.
  app.use(consoleRoutes(deps));
  // The customer's receipt link carries its own single-use token instead of a sign-in.
  app.use(receiptRoutes(deps));

  app.use(authenticate(deps.models, parseTokenMap(deps.cfg.API_TOKENS)));
  app.use(calendarRoutes(deps));
  app.use(callRoutes(deps));
  app.use(inquiryRoutes(deps));
  app.use(coordinationRoutes(deps));
  app.use(caseRoutes(deps));
  app.use(taskRoutes(deps));
  app.use(userRoutes(deps));
  app.use(peopleRoutes(deps));
  app.use(returnRoutes(deps));
  app.use(returnRateRoutes(deps));
  app.use(fineRoutes(deps));
  app.use(stockRoutes(deps));
  app.use(knowledgeRoutes(deps));
  app.use(recommendationRoutes(deps));
  app.use(serviceCaseRoutes(deps));
  app.use(unitRoutes(deps));
  app.use(shipmentRoutes(deps));
  app.use(installationRoutes(deps));
  app.use(exchangeRoutes(deps));
  app.use(productReturnRoutes(deps));
  app.use(reportRoutes(deps));
  app.use(auditRoutes(deps));
  app.use((req, _res, next) => next(notFound(`no route ${req.method} ${req.path}`)));
  app.use(errorHandler(deps.log, deps.cfg.RETRY_AFTER_SECONDS));
  return app;
}
