// Who sees a case and customers' contact details (api/access.ts), on records shaped as GET /cases/:id answers them.
import { describe, expect, it } from 'vitest';
import { redactCustomerContacts, seesAllCases, seesCustomerContacts, worksOnCase } from '../../api/access';

const actor = (userId: string, ...roles: string[]) => ({ userId, roles }) as Parameters<typeof worksOnCase>[0];

describe('need-to-know', () => {
  const record = { openedBy: 'agent1', tasks: [{ role: 'qc', assignee: 'qc1' }, { role: 'technician', completedBy: 'tech2' }, { role: 'warehouse', escalatedTo: 'director' }] };

  it('sees a case its opener, holders, finishers and roles work on; the supervisor and above see all', () => {
    expect(worksOnCase(actor('agent1', 'agent'), record)).toBe(true);
    expect(worksOnCase(actor('qc2', 'qc'), record)).toBe(true); // the role holds a task
    expect(worksOnCase(actor('tech2', 'technician'), record)).toBe(true);
    expect(worksOnCase(actor('wh1', 'warehouse'), record)).toBe(true);
    expect(worksOnCase(actor('prod1', 'production'), record)).toBe(false);
    expect(worksOnCase(actor('agent2', 'agent'), record)).toBe(false);
    for (const role of ['supervisor', 'director', 'general_manager', 'admin']) expect(seesAllCases(actor('x', role))).toBe(true);
  });

  it('shows contacts to roles that contact customers only', () => {
    expect(seesCustomerContacts(actor('agent1', 'agent'))).toBe(true);
    expect(seesCustomerContacts(actor('tech1', 'technician'))).toBe(true);
    expect(seesCustomerContacts(actor('qc1', 'qc', 'warehouse'))).toBe(false);
    expect(seesCustomerContacts(actor('fin1', 'finance', 'agent'))).toBe(true);
    for (const role of ['production', 'warehouse', 'finance', 'qc', 'logistics', 'purchasing_manager']) expect(seesCustomerContacts(actor('x', role))).toBe(false);
  });

  it('leaves out phones and e-mails of customers and contacts wherever they are, and where customer messages went', () => {
    const view = {
      customer: { name: '张先生', phone: '+8613900139000', email: 'zhang@example.com' },
      data: { contact: { name: '李工', phone: '+8613900139001' }, at: new Date('2026-03-01T00:00:00Z') },
      tasks: [{ context: { customer: { name: '张先生', phone: '+8613900139000' } } }],
      notifications: [
        { recipient: { userId: 'customer', name: '张先生' }, to: '+8613900139000' },
        { recipient: { userId: 'tech1' }, to: 'tech1@example.com' },
      ],
    };
    const out = redactCustomerContacts(view);
    expect(JSON.stringify(out)).not.toMatch(/\+86139001390|zhang@example/);
    expect(out.customer.name).toBe('张先生');
    expect(out.data.contact.name).toBe('李工');
    expect(out.data.at).toEqual(new Date('2026-03-01T00:00:00Z'));
    expect(out.notifications[1].to).toBe('tech1@example.com');
    expect(view.customer.phone).toBe('+8613900139000'); // the input is untouched
  });
});
