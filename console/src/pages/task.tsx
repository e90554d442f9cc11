// A task: its context, the technician recommendation on an allocation, and the form of the chosen outcome,
// generated from the outcome's payload schema. The page validates first; the API's refusal is shown as is and
// the task stays open.
import { useEffect, useState } from 'preact/hooks';
import { get, post } from '../api';
import { Countdown } from '../countdown';
import { SchemaForm } from '../form/schema-form';
import { initialValue, type FieldError, type Schema } from '../form/schema';
import { validate } from '../form/validate';
import { useI18n } from '../i18n';
import { linkClick, navigate } from '../router';
import { useApp } from '../state';
import { Recommendation, type RecommendationView } from './recommendation';
import { Details } from './details';
import { FormProblems } from '../form/problems';

interface TaskDetail {
  id: string;
  caseId: string;
  kind: string;
  role: string;
  assignee?: string;
  status: string;
  dueAt: string;
  remindAt?: string;
  escalatedTo?: string;
  context?: Record<string, unknown> & { recommendation?: RecommendationView };
  mayComplete: boolean;
  form: { title: { 'zh-CN': string; en: string }; outcomes: Array<{ outcome: string; payload: Schema }> };
}

export function TaskPage({ id }: { id: string }) {
  const { t, lang, code, time } = useI18n();
  const { me } = useApp();
  const [task, setTask] = useState<TaskDetail>();
  const [loadError, setLoadError] = useState<string>();
  const [outcome, setOutcome] = useState<string>();
  const [payload, setPayload] = useState<unknown>({});
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [refusal, setRefusal] = useState<string>();
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    get<TaskDetail>(`/tasks/${encodeURIComponent(id)}`).then(
      (tk) => {
        setTask(tk);
        const first = tk.form.outcomes[0];
        if (first && tk.form.outcomes.length === 1) choose(first.outcome, first.payload);
      },
      (e: Error) => setLoadError(e.message),
    );
  }, [id]);

  const choose = (o: string, schema: Schema) => {
    setOutcome(o);
    setPayload(initialValue(schema) ?? {});
    setErrors([]);
    setRefusal(undefined);
  };

  if (loadError)
    return (
      <p class="error" role="alert">
        {loadError}
      </p>
    );
  if (!task) return <p>{t('loading')}</p>;
  const schema = task.form.outcomes.find((o) => o.outcome === outcome)?.payload;
  const { recommendation, ...context } = task.context ?? {};

  const submit = async (e: Event) => {
    e.preventDefault();
    if (!outcome || !schema) return;
    const found = validate(schema, payload, t);
    setErrors(found);
    setRefusal(undefined);
    if (found.length) {
      document.getElementById(`tf-${found[0]!.path.replace(/[^A-Za-z0-9_-]/g, '-')}`)?.focus();
      return;
    }
    setBusy(true);
    try {
      await post(`/tasks/${encodeURIComponent(task.id)}/complete`, { outcome, payload });
      navigate(`/ui/cases/${encodeURIComponent(task.caseId)}`);
    } catch (err) {
      setRefusal((err as Error).message);
      // Move focus to the refusal so keyboard and screen-reader users hear it.
      setTimeout(() => document.getElementById('refusal')?.focus(), 0);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="task-h" data-task-page={task.id}>
      <h1 id="task-h">{task.form.title[lang]}</h1>
      <p class="meta">
        <a href={`/ui/cases/${encodeURIComponent(task.caseId)}`} onClick={linkClick}>
          {t('case')} {task.caseId}
        </a>{' '}
        · {code(task.role)} · {task.assignee ?? t('unassigned')} · {code(task.status)} · {t('due')} {time(task.dueAt)}{' '}
        {task.status === 'open' && <Countdown dueAt={task.dueAt} remindAt={task.remindAt} />}
      </p>
      <div class="columns">
        <div>
          {recommendation && (
            <Recommendation
              rec={recommendation}
              onUse={
                task.mayComplete
                  ? (userId) => {
                      const o = task.form.outcomes.find((x) => x.payload.properties?.technicianId);
                      if (!o) return;
                      if (outcome !== o.outcome) choose(o.outcome, o.payload);
                      setPayload((p: unknown) => ({ ...(p as object), technicianId: userId }));
                    }
                  : undefined
              }
            />
          )}
          <section class="card" aria-labelledby="ctx-h">
            <h2 id="ctx-h">{t('context')}</h2>
            <Details value={context} />
          </section>
        </div>
        <div>
          {task.status === 'open' && !task.mayComplete && <p class="notice">{t('notYours')} ({me.userId})</p>}
          {task.status === 'open' && task.mayComplete && (
            <form class="card task-form" onSubmit={submit} noValidate aria-labelledby="form-h">
              <h2 id="form-h">{t('outcome')}</h2>
              <fieldset class="outcomes">
                <legend class="sr-only">{t('outcome')}</legend>
                {task.form.outcomes.map((o) => (
                  <label class="inline">
                    <input type="radio" name="outcome" value={o.outcome} checked={outcome === o.outcome} onChange={() => choose(o.outcome, o.payload)} /> {code(o.outcome)}
                  </label>
                ))}
              </fieldset>
              {schema && <SchemaForm schema={schema} value={payload} onChange={setPayload} errors={errors} idPrefix="tf" />}
              <FormProblems errors={errors} refusal={refusal} />
              <button type="submit" disabled={!outcome || busy}>
                {t('submit')}
              </button>
            </form>
          )}
        </div>
      </div>
    </section>
  );
}
