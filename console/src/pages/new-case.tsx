// Opening any kind of case the API can open: the forms come from GET /console/forms (each route's own body
// schema) and are drawn by the one form engine. The page checks the form first; the API checks again and its
// refusal is shown as is (nothing is opened then).
import { useEffect, useState } from 'preact/hooks';
import { get, post } from '../api';
import { SchemaForm } from '../form/schema-form';
import { initialValue, type FieldError, type Schema } from '../form/schema';
import { validate } from '../form/validate';
import { useI18n } from '../i18n';
import { navigate } from '../router';
import { useApp } from '../state';
import { FormProblems } from '../form/problems';

interface OpeningForm {
  kind: string;
  path: string;
  roles: string[];
  schema: Schema;
}

let cached: Promise<OpeningForm[]> | undefined;
const loadForms = () => (cached ??= get<{ items: OpeningForm[] }>('/console/forms').then((r) => r.items));

export function NewCase() {
  const { t, code } = useI18n();
  const { me } = useApp();
  const [forms, setForms] = useState<OpeningForm[]>();
  const [kind, setKind] = useState(() => new URLSearchParams(location.search).get('kind') ?? '');
  const [value, setValue] = useState<unknown>({});
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [refusal, setRefusal] = useState<string>();
  const [busy, setBusy] = useState(false);

  useEffect(() => void loadForms().then(setForms, (e: Error) => setRefusal(e.message)), []);
  const mine = (forms ?? []).filter((f) => f.roles.some((r) => me.roles.includes(r)));
  const form = mine.find((f) => f.kind === kind) ?? mine[0];
  useEffect(() => {
    if (!form) return;
    setValue(initialValue(form.schema) ?? {});
    setErrors([]);
    setRefusal(undefined);
  }, [form?.kind]);

  const choose = (k: string) => {
    setKind(k);
    history.replaceState(null, '', `/ui/new-case?kind=${encodeURIComponent(k)}`);
  };

  const submit = async (e: Event) => {
    e.preventDefault();
    if (!form) return;
    const found = validate(form.schema, value, t);
    setErrors(found);
    setRefusal(undefined);
    if (found.length) {
      document.getElementById(`nc-${found[0]!.path.replace(/[^A-Za-z0-9_-]/g, '-')}`)?.focus();
      return;
    }
    setBusy(true);
    try {
      const r = await post<{ caseId: string }>(form.path, value);
      navigate(`/ui/cases/${encodeURIComponent(r.caseId)}`);
    } catch (err) {
      setRefusal((err as Error).message);
      setTimeout(() => document.getElementById('refusal')?.focus(), 0);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="nc-h">
      <h1 id="nc-h">{t('newCase')}</h1>
      {!forms ? (
        <p>{refusal ?? t('loading')}</p>
      ) : mine.length === 0 ? (
        <p class="notice">{t('mayOpenNothing')}</p>
      ) : (
        <>
          <div class="filters">
            <div class="field">
              <label for="nc-kind">{t('caseKind')}</label>
              <select id="nc-kind" name="__kind" value={form!.kind} onChange={(e) => choose((e.currentTarget as HTMLSelectElement).value)}>
                {mine.map((f) => (
                  <option value={f.kind}>{code(f.kind)}</option>
                ))}
              </select>
            </div>
          </div>
          <form class="card new-case" data-form={form!.kind} onSubmit={submit} noValidate aria-labelledby="nc-form-h">
            <h2 id="nc-form-h">{code(form!.kind)}</h2>
            <div class="grid-form">
              <SchemaForm key={form!.kind} schema={form!.schema} value={value} onChange={setValue} errors={errors} idPrefix="nc" />
            </div>
            <FormProblems errors={errors} refusal={refusal} />
            <button type="submit" disabled={busy}>
              {t('create')}
            </button>
          </form>
        </>
      )}
    </section>
  );
}
