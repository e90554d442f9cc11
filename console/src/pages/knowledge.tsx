// Knowledge-base search (GET /knowledge).
import { useState } from 'preact/hooks';
import { get } from '../api';
import { useI18n } from '../i18n';

interface Hit {
  id: string;
  title?: string;
  productModel?: string;
  faultCategory?: string;
  problem?: string;
  cause?: string;
  solution?: string;
}

export function KnowledgeSearch() {
  const { t } = useI18n();
  const [q, setQ] = useState('');
  const [model, setModel] = useState('');
  const [hits, setHits] = useState<{ total: number; items: Hit[] }>();
  const [error, setError] = useState<string>();
  return (
    <section aria-labelledby="kb-h">
      <h1 id="kb-h">{t('knowledge')}</h1>
      <form
        class="filters"
        onSubmit={async (e) => {
          e.preventDefault();
          setError(undefined);
          const p = new URLSearchParams();
          if (q.trim()) p.set('q', q.trim());
          if (model.trim()) p.set('model', model.trim());
          try {
            setHits(await get(`/knowledge?${p}`));
          } catch (err) {
            setError((err as Error).message);
          }
        }}
      >
        <div class="field">
          <label for="kb-q">{t('query')}</label>
          <input id="kb-q" type="search" value={q} onInput={(e) => setQ((e.currentTarget as HTMLInputElement).value)} />
        </div>
        <div class="field">
          <label for="kb-model">{t('model')}</label>
          <input id="kb-model" value={model} onInput={(e) => setModel((e.currentTarget as HTMLInputElement).value)} />
        </div>
        <button type="submit">{t('search')}</button>
      </form>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      {hits && (
        <section aria-label={t('results')}>
          <p role="status">
            {t('results')}: {hits.total}
          </p>
          <ul class="kb">
            {hits.items.map((h) => (
              <li class="card">
                <strong>{h.title ?? h.problem}</strong> <small>{h.id} · {h.productModel} · {h.faultCategory}</small>
                <p>{h.problem}</p>
                {h.cause && <p>{h.cause}</p>}
                <p>→ {h.solution}</p>
              </li>
            ))}
          </ul>
        </section>
      )}
    </section>
  );
}
