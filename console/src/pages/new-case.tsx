// Opening a service case from a call (POST /service-cases); the API names any bad field and nothing is opened.
import type { InputHTMLAttributes, LooseInputHTMLAttributes } from 'preact';
import { useState } from 'preact/hooks';
import { post } from '../api';
import { useI18n, type Key } from '../i18n';
import { navigate } from '../router';

const FIELDS: Array<{ name: string; label: Key; required?: boolean; type?: 'text' | 'number' | 'email' | 'tel' | 'date'; options?: string[] }> = [
  { name: 'customer.name', label: 'name', required: true },
  { name: 'customer.phone', label: 'phone', required: true, type: 'tel' },
  { name: 'customer.email', label: 'email', type: 'email' },
  { name: 'contact.name', label: 'contactName' },
  { name: 'contact.phone', label: 'contactPhone', type: 'tel' },
  { name: 'address', label: 'address' },
  { name: 'location.lat', label: 'lat', type: 'number' },
  { name: 'location.lng', label: 'lng', type: 'number' },
  { name: 'product.model', label: 'model', required: true },
  { name: 'product.serialNumber', label: 'serial', required: true },
  { name: 'product.category', label: 'category', required: true, options: ['phone', 'electrical', 'computer', 'other'] },
  { name: 'warranty.purchasedAt', label: 'purchasedAt', type: 'date' },
  { name: 'fault.summary', label: 'faultSummary', required: true },
  { name: 'fault.category', label: 'faultCategory', required: true },
];

/** The flat form as the API's nested body; empty fields left out. */
function toBody(values: Record<string, string>): Record<string, any> {
  const body: Record<string, any> = {};
  for (const f of FIELDS) {
    const raw = values[f.name]?.trim();
    if (!raw) continue;
    const [a, b] = f.name.split('.') as [string, string | undefined];
    const v = f.type === 'number' ? Number(raw) : raw;
    if (b) (body[a] ??= {})[b] = v;
    else body[a] = v;
  }
  if (body.contact && !body.contact.name) delete body.contact;
  return body;
}

export function NewCase() {
  const { t } = useI18n();
  const [values, setValues] = useState<Record<string, string>>({ 'product.category': 'electrical' });
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  return (
    <section aria-labelledby="nc-h">
      <h1 id="nc-h">{t('newCase')}</h1>
      <form
        class="card grid-form"
        onSubmit={async (e) => {
          e.preventDefault();
          setBusy(true);
          setError(undefined);
          try {
            const r = await post<{ caseId: string }>('/service-cases', toBody(values));
            navigate(`/ui/cases/${encodeURIComponent(r.caseId)}`);
          } catch (err) {
            setError((err as Error).message);
          } finally {
            setBusy(false);
          }
        }}
      >
        {FIELDS.map((f) => (
          <div class="field">
            <label for={`nc-${f.name}`}>
              {t(f.label)}
              {f.required && <span class="req" aria-hidden="true"> *</span>}
            </label>
            {f.options ? (
              <select id={`nc-${f.name}`} name={f.name} required={f.required} value={values[f.name] ?? ''} onChange={(e) => setValues({ ...values, [f.name]: (e.currentTarget as HTMLSelectElement).value })}>
                {f.options.map((o) => (
                  <option value={o}>{o}</option>
                ))}
              </select>
            ) : (
              <input
                id={`nc-${f.name}`}
                name={f.name}
                // Preact 11 types <input> per `type` (its ARIA roles); a field's type is a union, so it is spread loosely.
                {...({ type: f.type ?? 'text' } satisfies LooseInputHTMLAttributes as InputHTMLAttributes)}
                step={f.type === 'number' ? 'any' : undefined}
                required={f.required}
                value={values[f.name] ?? ''}
                onInput={(e) => setValues({ ...values, [f.name]: (e.currentTarget as HTMLInputElement).value })}
              />
            )}
          </div>
        ))}
        {error && (
          <p class="error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" disabled={busy}>
          {t('create')}
        </button>
      </form>
    </section>
  );
}
