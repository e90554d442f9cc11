// The interactive API page at /docs: Swagger UI from the swagger-ui-dist package (served from here, no CDN),
// reading GET /openapi.json. The page has no inline script, so it runs under a strict Content-Security-Policy.
import path from 'node:path';
import express, { Router, type Response } from 'express';

const DIST = path.dirname(require.resolve('swagger-ui-dist/package.json'));
const ASSETS = new Set(['swagger-ui.css', 'swagger-ui-bundle.js', 'swagger-ui-standalone-preset.js', 'favicon-32x32.png', 'favicon-16x16.png']);

// Swagger UI sets style attributes (hence 'unsafe-inline' for styles only) and shows data: images; scripts and
// requests stay on this origin.
const CSP = "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; font-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

const PAGE = `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>售后服务流程编排 API / After-sales API</title>
<link rel="icon" type="image/png" href="/docs/assets/favicon-32x32.png">
<link rel="stylesheet" href="/docs/assets/swagger-ui.css">
</head>
<body>
<div id="swagger-ui"></div>
<script src="/docs/assets/swagger-ui-bundle.js"></script>
<script src="/docs/assets/swagger-ui-standalone-preset.js"></script>
<script src="/docs/init.js"></script>
</body>
</html>
`;

const INIT = `window.ui = SwaggerUIBundle({
  url: '/openapi.json',
  dom_id: '#swagger-ui',
  deepLinking: true,
  persistAuthorization: true,
  presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset],
  layout: 'BaseLayout',
});
`;

const secure = (res: Response) => {
  res.set('Content-Security-Policy', CSP);
  res.set('X-Content-Type-Options', 'nosniff');
  res.set('Referrer-Policy', 'no-referrer');
};

export function docsRoutes(): Router {
  const r = Router();
  r.get('/docs', (_req, res) => {
    secure(res);
    res.type('html').send(PAGE);
  });
  r.get('/docs/init.js', (_req, res) => {
    secure(res);
    res.type('application/javascript').send(INIT);
  });
  const assets = express.static(DIST, { index: false, maxAge: '1d', fallthrough: true });
  r.get('/docs/assets/:file', (req, res, next) => {
    if (!ASSETS.has(req.params.file)) return next();
    secure(res);
    req.url = `/${req.params.file}`;
    assets(req, res, next);
  });
  return r;
}
