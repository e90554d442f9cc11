// The OpenAPI document declares every route express actually mounts (found by walking the app's router stack),
// and nothing that is not mounted; every task kind's outcomes with their payload fields; and is a valid
// OpenAPI 3.0 document whose schemas compile.
import { describe, expect, it } from 'vitest';
import mongoose from 'mongoose';
import pino from 'pino';
import Ajv from 'ajv';
import { createApp } from '../../api/app';
import { loadConfig } from '../../config';
import { models } from '../../db/models';
import { openApiDocument } from '../../api/openapi/document';
import { TASK_KINDS } from '../../workflows/task-catalog';
import type { ApiDeps } from '../../api/deps';

interface Layer {
  route?: { path: string | string[]; methods: Record<string, boolean> };
  handle?: { stack?: Layer[] };
}

/** METHOD /path of every route in the app, nested routers included (all are mounted at the root). */
function mountedRoutes(stack: Layer[], out = new Set<string>()): Set<string> {
  for (const layer of stack) {
    if (layer.route) {
      for (const p of ([] as string[]).concat(layer.route.path)) {
        for (const [m, on] of Object.entries(layer.route.methods)) if (on && m !== '_all') out.add(`${m.toUpperCase()} ${p.replace(/:(\w+)/g, '{$1}')}`);
      }
    } else if (layer.handle?.stack) mountedRoutes(layer.handle.stack, out);
  }
  return out;
}

// Pages, not API operations: the console's single-page app and the interactive API page with its files.
const PAGES = /^GET (\/ui(\/\*page)?|\/docs(\/.*)?)$/;

describe('OpenAPI document', () => {
  const db = mongoose.createConnection();
  const deps = { cfg: loadConfig({}), db, models: models(db), temporal: {} as ApiDeps['temporal'], log: pino({ level: 'silent' }) } as ApiDeps;
  const app = createApp(deps) as unknown as { router: { stack: Layer[] } };
  const doc = openApiDocument() as { openapi: string; paths: Record<string, Record<string, any>> };
  const declared = new Set(Object.entries(doc.paths).flatMap(([p, item]) => Object.keys(item).map((m) => `${m.toUpperCase()} ${p}`)));
  const mounted = [...mountedRoutes(app.router.stack)].filter((r) => !PAGES.test(r));

  it('declares every mounted route and only those', () => {
    expect(mounted.length).toBeGreaterThan(60);
    expect(mounted.filter((r) => !declared.has(r)), 'mounted but not in the document').toEqual([]);
    expect([...declared].filter((r) => !mounted.includes(r)), 'in the document but not mounted').toEqual([]);
  });

  it("declares each operation's path parameters, and the refusals every route can give", () => {
    for (const [p, item] of Object.entries(doc.paths)) {
      const names = [...p.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
      for (const [m, op] of Object.entries(item)) {
        const inPath = (op.parameters ?? []).filter((x: { in: string }) => x.in === 'path').map((x: { name: string }) => x.name);
        expect(inPath.sort(), `${m} ${p}`).toEqual([...names].sort());
        expect(Object.keys(op.responses), `${m} ${p}`).toEqual(expect.arrayContaining(['400', ...(op.security?.length === 0 ? [] : ['401', '503']), ...(names.length ? ['404'] : [])]));
        if (['post', 'put', 'patch', 'delete'].includes(m)) expect(op.responses['413'], `${m} ${p}`).toBeDefined();
      }
    }
  });

  it('describes every task kind and outcome with its payload fields', () => {
    const bodies = doc.paths['/tasks/{id}/complete']!.post.requestBody.content['application/json'].schema.anyOf as Array<{ title: string; properties: { payload: any } }>;
    const expected = Object.entries(TASK_KINDS).flatMap(([kind, spec]) => Object.keys(spec.outcomes).map((o) => `${kind}: ${o}`));
    expect(bodies.map((b) => b.title).sort()).toEqual(expected.sort());
    for (const b of bodies) {
      for (const [field, schema] of Object.entries((b.properties.payload.properties ?? {}) as Record<string, { description?: string }>)) {
        expect(schema.description, `${b.title}: ${field}`).toBeTruthy();
      }
    }
  });

  it('serves the interactive page at /docs from the package, under a Content-Security-Policy without inline script', async () => {
    const server = (app as unknown as { listen: (port: number) => import('node:http').Server }).listen(0);
    try {
      await new Promise((r) => server.once('listening', r));
      const base = `http://127.0.0.1:${(server.address() as import('node:net').AddressInfo).port}`;
      const page = await fetch(`${base}/docs`);
      expect(page.status).toBe(200);
      const html = await page.text();
      expect(page.headers.get('content-security-policy')).toMatch(/script-src 'self';/);
      expect(html).not.toMatch(/<script>(?!<)/);
      for (const src of [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]!)) {
        const res = await fetch(`${base}${src}`);
        expect(res.status, src).toBe(200);
        expect((await res.arrayBuffer()).byteLength, src).toBeGreaterThan(100);
      }
      expect((await fetch(`${base}/docs/assets/package.json`)).status).not.toBe(200);
      const spec = await fetch(`${base}/openapi.json`);
      expect(spec.status).toBe(200);
    } finally {
      server.close();
    }
  });

  it('has schemas that compile', () => {
    expect(doc.openapi).toMatch(/^3\.0\./);
    const ajv = new Ajv({ strict: false, validateFormats: false });
    // Ajv reads JSON Schema draft 7, where exclusiveMinimum is a number; OpenAPI 3.0's boolean form is left out here.
    const draft7 = (s: object) => JSON.parse(JSON.stringify(s, (k, v) => (/^exclusiveM(in|ax)imum$/.test(k) && typeof v === 'boolean' ? undefined : v)));
    for (const [p, item] of Object.entries(doc.paths)) {
      for (const [m, op] of Object.entries(item)) {
        const body = op.requestBody?.content?.['application/json']?.schema;
        if (body) expect(() => ajv.compile(draft7(body)), `${m} ${p}`).not.toThrow();
        for (const x of op.parameters ?? []) expect(() => ajv.compile(draft7(x.schema)), `${m} ${p} ${x.name}`).not.toThrow();
      }
    }
  });
});
