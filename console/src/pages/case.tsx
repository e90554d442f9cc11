// A case: status, timeline (who, what, when), open and finished tasks, deadlines, notifications with their
// delivery status, related cases and a link to its workflow in the Temporal Web UI.
import { useEffect, useState } from 'preact/hooks';
import { get } from '../api';
import { Countdown } from '../countdown';
import { useI18n } from '../i18n';
import { linkClick } from '../router';
import { useApp } from '../state';
import { Details } from './details';
import { ProcessSteps } from '../steps';

interface CaseDetail {
  caseId: string;
  kind: string;
  status: string;
  title: string;
  customer?: { name?: string; phone?: string; email?: string };
  data?: Record<string, unknown>;
  openedBy: string;
  openedAt: string;
  closedAt?: string;
  timeline: Array<{ seq: number; at: string; actor: string; type: string; detail?: Record<string, unknown> }>;
  tasks: Array<{ id: string; kind: string; role: string; assignee?: string; status: string; dueAt: string; remindAt?: string; outcome?: string; completedBy?: string; completedAt?: string }>;
  openTasks: CaseDetail['tasks'];
  deadlines: Array<{ name: string; dueAt: string; status?: string }>;
  notifications: Array<{ id: string; channel: string; template?: string; to?: string; status: string; error?: string; createdAt?: string; sentAt?: string }>;
}

/** Case ids the case's data mentions (a child repair, the case it came from, the unit's other cases). */
function relatedIds(c: CaseDetail): string[] {
  const found = new Set<string>();
  const walk = (v: unknown, key = '') => {
    if (typeof v === 'string') {
      if (/case/i.test(key) && /^[A-Z]{2,5}-[0-9A-Z-]+$/.test(v) && v !== c.caseId) found.add(v);
    } else if (Array.isArray(v)) v.forEach((x) => walk(x, key));
    else if (v && typeof v === 'object') Object.entries(v).forEach(([k, x]) => walk(x, k));
  };
  walk(c.data);
  return [...found];
}

export function CasePage({ id }: { id: string }) {
  const { t, code, time } = useI18n();
  const { meta, taskTitle } = useApp();
  const [c, setC] = useState<CaseDetail>();
  const [error, setError] = useState<string>();
  const load = () => get<CaseDetail>(`/cases/${encodeURIComponent(id)}`).then((v) => (setC(v), setError(undefined)), (e: Error) => setError(e.message));
  useEffect(() => {
    void load();
    const timer = setInterval(() => void load(), 10_000);
    return () => clearInterval(timer);
  }, [id]);

  if (error)
    return (
      <p class="error" role="alert">
        {error}
      </p>
    );
  if (!c) return <p>{t('loading')}</p>;
  const open = c.tasks.filter((x) => x.status === 'open');
  const done = c.tasks.filter((x) => x.status !== 'open');
  const related = relatedIds(c);
  const passed = c.timeline.filter((e) => e.type === 'status' && typeof e.detail?.status === 'string').map((e) => e.detail!.status as string);
  return (
    <section aria-labelledby="case-h" data-case={c.caseId}>
      <h1 id="case-h">
        {c.caseId} · {c.title}
      </h1>
      <p class="meta">
        {code(c.kind)} ·{' '}
        <span class={`badge status-${c.status}`} data-status={c.status}>
          {code(c.status)}
        </span>{' '}
        · {t('openedBy')} {c.openedBy} · {t('openedAt')} {time(c.openedAt)}
        {c.closedAt && ` · ${t('closedAt')} ${time(c.closedAt)}`} ·{' '}
        <a href={`${meta.temporalUi}${encodeURIComponent(c.caseId)}`} target="_blank" rel="noopener">
          {t('temporalLink')}
        </a>
      </p>
      <ProcessSteps kind={c.kind} status={c.status} passed={passed} />
      <div class="columns">
        <div>
          <section class="card" aria-labelledby="open-h">
            <h2 id="open-h">{t('openTasks')}</h2>
            {open.length === 0 ? (
              <p>{t('none')}</p>
            ) : (
              <ul>
                {open.map((x) => (
                  <li data-open-task={x.kind}>
                    <a href={`/ui/tasks/${encodeURIComponent(x.id)}`} onClick={linkClick}>
                      {taskTitle(x.kind)}
                    </a>{' '}
                    · {code(x.role)} · {x.assignee ?? t('unassigned')} · <Countdown dueAt={x.dueAt} remindAt={x.remindAt} />
                  </li>
                ))}
              </ul>
            )}
          </section>
          <section class="card" aria-labelledby="tl-h">
            <h2 id="tl-h">{t('timeline')}</h2>
            <table class="timeline">
              <thead>
                <tr>
                  <th scope="col">{t('when')}</th>
                  <th scope="col">{t('who')}</th>
                  <th scope="col">{t('what')}</th>
                </tr>
              </thead>
              <tbody>
                {c.timeline.map((e) => (
                  <tr data-event={e.type}>
                    <td>{time(e.at)}</td>
                    <td>{code(e.actor)}</td>
                    <td>
                      <strong>{code(e.type)}</strong>
                      {e.type === 'status' && typeof e.detail?.status === 'string' && <> → {code(e.detail.status)}</>}
                      {e.detail && Object.keys(e.detail).length > 0 && (
                        <details>
                          <summary>{t('more')}</summary>
                          <Details value={e.detail} />
                        </details>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        </div>
        <div>
          <section class="card" aria-labelledby="cust-h">
            <h2 id="cust-h">{t('customer')}</h2>
            <Details value={c.customer} />
          </section>
          <section class="card" aria-labelledby="dl-h">
            <h2 id="dl-h">{t('deadlines')}</h2>
            {c.deadlines.length === 0 ? (
              <p>{t('none')}</p>
            ) : (
              <ul class="deadlines">
                {c.deadlines.map((d) => {
                  const [name, who] = d.name.split(':');
                  const open = !d.status || d.status === 'pending';
                  // A task's own deadline is named by the task; others by their code (and the person they bind).
                  const task = name === 'task' ? c.tasks.find((x) => x.id === who) : undefined;
                  return (
                    <li data-deadline={d.name} data-deadline-status={d.status ?? 'pending'}>
                      <strong>{task ? taskTitle(task.kind) : code(name)}</strong>
                      {who && !task && ` (${who})`} · {t('due')} {time(d.dueAt)} · {open && !c.closedAt ? <Countdown dueAt={d.dueAt} /> : code(d.status)}
                    </li>
                  );
                })}
              </ul>
            )}
          </section>
          <section class="card" aria-labelledby="done-h">
            <h2 id="done-h">{t('doneTasks')}</h2>
            {done.length === 0 ? (
              <p>{t('none')}</p>
            ) : (
              <ul>
                {done.map((x) => (
                  <li data-done-task={x.kind}>
                    {taskTitle(x.kind)} · {code(x.status)} · {code(x.outcome)} · {x.completedBy} · {time(x.completedAt)}
                  </li>
                ))}
              </ul>
            )}
          </section>
          <section class="card" aria-labelledby="nt-h">
            <h2 id="nt-h">{t('notifications')}</h2>
            {c.notifications.length === 0 ? (
              <p>{t('none')}</p>
            ) : (
              <table>
                <thead>
                  <tr>
                    <th scope="col">{t('channel')}</th>
                    <th scope="col">{t('template')}</th>
                    <th scope="col">{t('recipient')}</th>
                    <th scope="col">{t('status')}</th>
                  </tr>
                </thead>
                <tbody>
                  {c.notifications.map((n) => (
                    <tr>
                      <td>{code(n.channel)}</td>
                      <td>{code(n.template)}</td>
                      <td>{n.to}</td>
                      <td data-delivery={n.status} title={n.error}>
                        {code(n.status)}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </section>
          <section class="card" aria-labelledby="rel-h">
            <h2 id="rel-h">{t('relatedCases')}</h2>
            {related.length === 0 ? (
              <p>{t('none')}</p>
            ) : (
              <ul>
                {related.map((r) => (
                  <li>
                    <a href={`/ui/cases/${encodeURIComponent(r)}`} onClick={linkClick}>
                      {r}
                    </a>
                  </li>
                ))}
              </ul>
            )}
          </section>
        </div>
      </div>
    </section>
  );
}
