// People and presence (GET /users, PUT /users/:id/presence): who is in the office decides a service case's routing.
import { useEffect, useState } from 'preact/hooks';
import { api, get } from '../api';
import { useI18n } from '../i18n';
import { useApp } from '../state';

interface Person {
  id: string;
  name: string;
  roles: string[];
  inOffice: boolean;
}

export function People() {
  const { t, code } = useI18n();
  const { me } = useApp();
  const [people, setPeople] = useState<Person[]>();
  const [error, setError] = useState<string>();
  const load = () => get<{ items: Person[] }>('/users').then((r) => setPeople(r.items), (e: Error) => setError(e.message));
  useEffect(() => void load(), []);
  const toggle = async (p: Person) => {
    setError(undefined);
    try {
      await api('PUT', `/users/${encodeURIComponent(p.id)}/presence`, { inOffice: !p.inOffice });
      await load();
    } catch (e) {
      setError((e as Error).message);
    }
  };
  return (
    <section aria-labelledby="pp-h">
      <h1 id="pp-h">{t('people')}</h1>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      {!people ? (
        <p>{t('loading')}</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">{t('name')}</th>
              <th scope="col">{t('roles')}</th>
              <th scope="col">{t('status')}</th>
              <th scope="col" />
            </tr>
          </thead>
          <tbody>
            {people.map((p) => (
              <tr data-person={p.id}>
                <td>
                  {p.name} <small>({p.id})</small>
                </td>
                <td>{p.roles.map(code).join('、')}</td>
                <td>{p.roles.includes('technician') ? (p.inOffice ? t('inOffice') : t('notInOffice')) : ''}</td>
                <td>
                  {p.roles.includes('technician') && (p.id === me.userId || me.roles.includes('supervisor')) && (
                    <button type="button" class="secondary" onClick={() => void toggle(p)}>
                      {t('toggle')}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
