// The OpenAPI document describes every task kind's outcomes with the payload schema the workflow validates with.
import { describe, expect, it } from 'vitest';
import { openApiDocument } from '../../api/openapi/document';
import { TASK_KINDS } from '../../workflows/task-catalog';

describe('OpenAPI: tasks', () => {
  const doc = openApiDocument() as { paths: Record<string, any> };

  it('has the inbox and every task action', () => {
    for (const p of ['/tasks', '/tasks/{id}', '/tasks/{id}/complete', '/tasks/{id}/reassign', '/tasks/{id}/claim']) expect(doc.paths[p], p).toBeDefined();
    expect(doc.paths['/tasks'].get.parameters.map((x: { name: string }) => x.name)).toEqual(expect.arrayContaining(['cursor', 'limit', 'status', 'role']));
  });

  it('offers one completion body per task kind and outcome, each with its payload fields described', () => {
    const bodies = doc.paths['/tasks/{id}/complete'].post.requestBody.content['application/json'].schema.anyOf as any[];
    const expected = Object.values(TASK_KINDS).reduce((n, k) => n + Object.keys(k.outcomes).length, 0);
    expect(bodies).toHaveLength(expected);
    const allocate = bodies.find((b) => b.title === 'allocate_technician: assigned');
    expect(allocate.properties.outcome.enum).toEqual(['assigned']);
    expect(allocate.properties.payload.properties.technicianId.description).toBeTruthy();
    expect(allocate.properties.payload.required).toContain('technicianId');
  });
});
