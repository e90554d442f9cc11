// The returns dry run (POST /returns/evaluate): nothing is opened or written; every rule is cited.
import { useState } from 'preact/hooks';
import { post } from '../api';
import { useI18n } from '../i18n';
import { Details } from './details';

const SAMPLE = {
  request: {
    items: [{ sku: 'LJ-2200', category: 'printer', quantity: 1, unitPriceYuan: 1999, condition: 'unopened' }],
    reason: 'no_longer_needed',
    dates: { receivedAt: new Date(Date.now() - 3 * 86_400_000).toISOString().slice(0, 10) },
  },
};

export function ReturnsEvaluator() {
  const { t } = useI18n();
  const [text, setText] = useState(JSON.stringify(SAMPLE, null, 2));
  const [result, setResult] = useState<any>();
  const [error, setError] = useState<string>();
  return (
    <section aria-labelledby="ret-h">
      <h1 id="ret-h">{t('returns')}</h1>
      <form
        class="card"
        onSubmit={async (e) => {
          e.preventDefault();
          setError(undefined);
          setResult(undefined);
          let body: unknown;
          try {
            body = JSON.parse(text);
          } catch {
            return setError(t('invalidJson'));
          }
          try {
            setResult(await post('/returns/evaluate', body));
          } catch (err) {
            setError((err as Error).message);
          }
        }}
      >
        <div class="field">
          <label for="ret-json">{t('request')}</label>
          <textarea id="ret-json" rows={14} class="mono" value={text} onInput={(e) => setText((e.currentTarget as HTMLTextAreaElement).value)} />
        </div>
        <button type="submit">{t('evaluate')}</button>
        {error && (
          <p class="error" role="alert">
            {error}
          </p>
        )}
      </form>
      {result && (
        <section class="card" aria-labelledby="ret-res-h" role="status">
          <h2 id="ret-res-h">{t('decision')}</h2>
          <Details value={result.evaluation} />
        </section>
      )}
    </section>
  );
}
