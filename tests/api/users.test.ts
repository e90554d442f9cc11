// Presence decides who gets a service case's phone diagnosis; only the technician or a supervisor sets it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStack, type Stack } from '../support/stack';

describe('people and presence', () => {
  let s: Stack;
  beforeAll(async () => {
    s = await startStack('users');
  });
  afterAll(async () => {
    await s?.stop();
  });
  const tech = async (id: string) => s.models.User.findById(id).lean<any>();

  it('tells who is signed in and lists the people of a role', async () => {
    expect((await s.call('sup1', 'GET', '/me')).body).toMatchObject({ userId: 'sup1', roles: ['supervisor'] });
    const techs = (await s.call('agent1', 'GET', '/users?role=technician')).body.items;
    expect(techs.map((u: { id: string }) => u.id)).toEqual(['tech1', 'tech2']);
  });

  it('lets a technician report in and a supervisor record a current job', async () => {
    const self = await s.call('tech2', 'PUT', '/users/tech2/presence', { inOffice: true });
    expect(self.status).toBe(200);
    expect((await tech('tech2')).inOffice).toBe(true);
    const bySupervisor = await s.call('sup1', 'PUT', '/users/tech1/presence', { inOffice: false, currentJob: { lat: 39.9, lng: 116.4 } });
    expect(bySupervisor.body).toMatchObject({ id: 'tech1', inOffice: false, currentJob: { lat: 39.9, lng: 116.4 } });
    await s.call('sup1', 'PUT', '/users/tech1/presence', { currentJob: null });
    expect((await tech('tech1')).currentJob).toBeUndefined();
  });

  it.each([
    ['someone else', 'tech1', '/users/tech2/presence', { inOffice: false }, 403],
    ['an agent', 'agent1', '/users/tech2/presence', { inOffice: false }, 403],
    ['an unknown person', 'sup1', '/users/nobody/presence', { inOffice: true }, 404],
    ['a person who is no technician', 'sup1', '/users/agent1/presence', { inOffice: true }, 422],
    ['an empty change', 'sup1', '/users/tech2/presence', {}, 400],
    ['a location off the globe', 'sup1', '/users/tech2/presence', { currentJob: { lat: 95, lng: 0 } }, 400],
  ])('refuses %s and changes nothing', async (_n, user, path, body, status) => {
    const before = await s.models.User.find().sort({ _id: 1 }).lean();
    const res = await s.call(user, 'PUT', path, body);
    expect(res.status).toBe(status);
    expect(res.body.error.message).toBeTruthy();
    expect(await s.models.User.find().sort({ _id: 1 }).lean()).toEqual(before);
  });
});
