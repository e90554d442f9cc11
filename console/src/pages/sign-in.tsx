// Sign-in: in development a choice among the development users; otherwise a token. Either way the token is
// checked against the API and kept only in sessionStorage.
import { useState } from 'preact/hooks';
import { ApiError, get, session, type Me, type Meta } from '../api';
import { useI18n } from '../i18n';

export function SignIn({ meta, onSignedIn }: { meta: Meta; onSignedIn(me: Me): void }) {
  const { t, code } = useI18n();
  const [token, setToken] = useState('');
  const [error, setError] = useState<string>();
  const signIn = async (tok: string) => {
    setError(undefined);
    session.signIn(tok);
    try {
      onSignedIn(await get<Me>('/me'));
    } catch (e) {
      session.signOut();
      setError(e instanceof ApiError && e.status === 401 ? t('badToken') : String((e as Error).message));
    }
  };
  return (
    <section class="card narrow" aria-labelledby="signin-h">
      <h1 id="signin-h">{t('signIn')}</h1>
      {meta.devUsers.length > 0 && (
        <>
          <p>{t('devHint')}</p>
          <ul class="dev-users" aria-label={t('signInAs')}>
            {meta.devUsers.map((u) => (
              <li>
                <button type="button" data-user={u.id} onClick={() => void signIn(u.token)}>
                  {u.name} <small>{u.id} · {u.roles.map(code).join('、')}</small>
                </button>
              </li>
            ))}
          </ul>
        </>
      )}
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (token.trim()) void signIn(token.trim());
        }}
      >
        <div class="field">
          <label for="token">{t('token')}</label>
          <input id="token" type="password" autoComplete="off" value={token} onInput={(e) => setToken((e.currentTarget as HTMLInputElement).value)} aria-describedby="token-hint" />
          <small id="token-hint" class="hint">
            {t('tokenHint')}
          </small>
        </div>
        <button type="submit">{t('signIn')}</button>
        {error && (
          <p class="error" role="alert">
            {error}
          </p>
        )}
      </form>
    </section>
  );
}
