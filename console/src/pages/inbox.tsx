// The inbox: the person's and their roles' tasks sorted by due time, escalations marked, a live countdown;
// filters by process, status and (for the supervisor and managers) person; claim and reassign where the API
// allows (it answers 403/409 otherwise).
import { useEffect, useState } from 'preact/hooks';
import { get, post } from '../api';
import { Countdown } from '../countdown';
import { CASE_KINDS, useI18n } from '../i18n';
import { linkClick } from '../router';
import { useApp } from '../state';
import { Messages } from '../messages';

interface InboxTask {
  id: string;
  caseId: string;
  caseKind?: string;
  caseTitle?: string;
  kind: string;
  role: string;
  assignee?: string | null;
  status: string;
  dueAt: string;
  remindAt?: string;
  escalated: boolean;
  escalatedTo?: string;
  assigneeUnavailable?: boolean;
  completedBy?: string;
  outcome?: string;
}

/** Roles that may look at anyone's tasks (the API's `assignee` filter answers 403 to others). */
const OVERSEERS = ['supervisor', 'director', 'general_manager', 'admin'];

export function Inbox() {
  const { t, code, time } = useI18n();
  const { me, taskTitle } = useApp();
  const oversees = me.roles.some((r) => OVERSEERS.includes(r));
  const [caseKind, setCaseKind] = useState('');
  const [person, setPerson] = useState(() => new URLSearchParams(location.search).get('person') ?? '');
  const [people, setPeople] = useState<Array<{ id: string; name: string; roles: string[] }>>([]);
  const [status, setStatus] = useState('open');
  const [items, setItems] = useState<InboxTask[]>();
  const [error, setError] = useState<string>();
  const [notice, setNotice] = useState<string>();
  const [reassigning, setReassigning] = useState<string>();

  const load = async () => {
    const q = new URLSearchParams({ status, limit: '100' });
    if (caseKind) q.set('caseKind', caseKind);
    if (person) q.set('assignee', person);
    try {
      const r = await get<{ items: InboxTask[] }>(`/tasks?${q}`);
      setItems([...r.items].sort((a, b) => Date.parse(a.dueAt) - Date.parse(b.dueAt)));
      setError(undefined);
    } catch (e) {
      setError((e as Error).message);
    }
  };
  useEffect(() => {
    void load();
    const timer = setInterval(() => void load(), 15_000);
    return () => clearInterval(timer);
  }, [caseKind, status, person]);
  useEffect(() => {
    if (oversees) void get<{ items: Array<{ id: string; name: string; roles: string[] }> }>('/users').then((r) => setPeople(r.items), () => setPeople([]));
  }, [oversees]);

  const act = async (fn: () => Promise<unknown>, done: string) => {
    setError(undefined);
    setNotice(undefined);
    try {
      await fn();
      setNotice(done);
      setReassigning(undefined);
      await load();
    } catch (e) {
      setError((e as Error).message);
    }
  };

  return (
    <section aria-labelledby="inbox-h">
      <h1 id="inbox-h">{t('inbox')}</h1>
      <form class="filters" onSubmit={(e) => e.preventDefault()}>
        <div class="field">
          <label for="f-kind">{t('process')}</label>
          <select id="f-kind" value={caseKind} onChange={(e) => setCaseKind((e.currentTarget as HTMLSelectElement).value)}>
            <option value="">{t('all')}</option>
            {CASE_KINDS.map((k) => (
              <option value={k}>{code(k)}</option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="f-status">{t('status')}</label>
          <select id="f-status" value={status} onChange={(e) => setStatus((e.currentTarget as HTMLSelectElement).value)}>
            <option value="open">{t('open')}</option>
            <option value="completed">{t('completed')}</option>
            <option value="cancelled">{t('cancelled')}</option>
          </select>
        </div>
        <div class="field">
          <label for="f-person">{t('person')}</label>
          <select
            id="f-person"
            // Drawn again once the people arrive: a select keeps '' for a value whose option did not exist yet.
            key={people.length}
            value={person}
            onChange={(e) => {
              const p = (e.currentTarget as HTMLSelectElement).value;
              setPerson(p);
              // Kept in the address, so a reload or a shared link shows the same person's tasks.
              history.replaceState(null, '', p ? `/ui/inbox?person=${encodeURIComponent(p)}` : '/ui/inbox');
            }}
          >
            <option value="">{t('myInbox')}</option>
            <option value={me.userId}>{t('onlyMine')}</option>
            {oversees &&
              people
                .filter((p) => p.id !== me.userId)
                .map((p) => (
                  <option value={p.id}>
                    {p.name} ({p.id} · {p.roles.map(code).join('、')})
                  </option>
                ))}
          </select>
        </div>
        <button type="button" class="secondary" onClick={() => void load()}>
          {t('refresh')}
        </button>
      </form>
      <Messages error={error} notice={notice} />
      {!items ? (
        <p>{t('loading')}</p>
      ) : items.length === 0 ? (
        <p>{t('noTasks')}</p>
      ) : (
        <ul class="tasks" aria-label={t('inbox')}>
          {items.map((task) => {
            const claimable = task.status === 'open' && me.roles.includes(task.role) && (!task.assignee || task.assigneeUnavailable) && task.assignee !== me.userId;
            const mayReassign = task.status === 'open' && (me.roles.includes('supervisor') || (task.escalatedTo !== undefined && me.roles.includes(task.escalatedTo)));
            return (
              <li class={`task${task.escalated ? ' escalated' : ''}`} data-task={task.id} data-kind={task.kind}>
                <div class="task-main">
                  <a href={`/ui/tasks/${encodeURIComponent(task.id)}`} onClick={linkClick} class="task-title">
                    {taskTitle(task.kind)}
                  </a>
                  {task.escalated && (
                    <span class="badge danger" title={`${t('escalatedTo')} ${code(task.escalatedTo)}`}>
                      {t('escalated')} → {code(task.escalatedTo)}
                    </span>
                  )}
                  {task.assigneeUnavailable && <span class="badge warn">{t('away')}</span>}
                  <div class="meta">
                    <a href={`/ui/cases/${encodeURIComponent(task.caseId)}`} onClick={linkClick}>
                      {task.caseId}
                    </a>{' '}
                    · {code(task.caseKind)} · {task.caseTitle} · {code(task.role)} · {task.assignee ?? t('unassigned')}
                  </div>
                </div>
                <div class="task-side">
                  {task.status === 'open' ? <Countdown dueAt={task.dueAt} remindAt={task.remindAt} /> : <span>{code(task.outcome)} · {task.completedBy}</span>}
                  <small>
                    {t('due')} {time(task.dueAt)}
                  </small>
                  <div class="actions">
                    {claimable && (
                      <button type="button" onClick={() => void act(() => post(`/tasks/${task.id}/claim`), `${t('claim')} ✓`)}>
                        {t('claim')}
                      </button>
                    )}
                    {mayReassign && (
                      <button type="button" class="secondary" aria-expanded={reassigning === task.id} onClick={() => setReassigning(reassigning === task.id ? undefined : task.id)}>
                        {t('reassign')}
                      </button>
                    )}
                  </div>
                  {reassigning === task.id && <ReassignForm task={task} onDone={(to, reason) => act(() => post(`/tasks/${task.id}/reassign`, { to, reason }), `${t('reassign')} ✓`)} />}
                </div>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}

function ReassignForm({ task, onDone }: { task: InboxTask; onDone(to: string, reason: string): Promise<void> }) {
  const { t } = useI18n();
  const [people, setPeople] = useState<Array<{ id: string; name: string }>>([]);
  const [to, setTo] = useState('');
  const [reason, setReason] = useState('');
  useEffect(() => void get<{ items: Array<{ id: string; name: string }> }>(`/users?role=${task.role}`).then((r) => setPeople(r.items)), [task.role]);
  const id = `re-${task.id}`;
  return (
    <form
      class="reassign"
      onSubmit={(e) => {
        e.preventDefault();
        void onDone(to, reason);
      }}
    >
      <label for={`${id}-to`}>{t('reassignTo')}</label>
      <select id={`${id}-to`} value={to} required onChange={(e) => setTo((e.currentTarget as HTMLSelectElement).value)}>
        <option value="">{t('choose')}</option>
        {people.map((p) => (
          <option value={p.id}>
            {p.name} ({p.id})
          </option>
        ))}
      </select>
      <label for={`${id}-reason`}>{t('reason')}</label>
      <input id={`${id}-reason`} required value={reason} onInput={(e) => setReason((e.currentTarget as HTMLInputElement).value)} />
      <button type="submit">{t('confirm')}</button>
    </form>
  );
}
