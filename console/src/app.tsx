// The shell: sign-in gate, navigation, language switch, and the page for the current path.
import { useEffect, useMemo, useState } from 'preact/hooks';
import { ApiError, get, session, type Me, type Meta } from './api';
import { I18nContext, LANG_KEY, initialLang, makeI18n, setTimeZone, type Lang } from './i18n';
import { linkClick, navigate, usePath } from './router';
import { AppContext } from './state';
import { SignIn } from './pages/sign-in';
import { Inbox } from './pages/inbox';
import { TaskPage } from './pages/task';
import { CasePage } from './pages/case';
import { NewCase } from './pages/new-case';
import { ReturnsEvaluator } from './pages/returns';
import { KnowledgeSearch } from './pages/knowledge';
import { People } from './pages/people';
import { CalendarPage } from './pages/calendar';
import { REPORT_READERS, ReportsPage } from './pages/reports';
import { RETURN_RATE_READERS, ReturnRatePage } from './pages/return-rate';
import type { CalendarData } from './working-time';

export function App() {
  const [lang, setLangState] = useState<Lang>(initialLang());
  const setLang = (l: Lang) => {
    localStorage.setItem(LANG_KEY, l);
    setLangState(l);
  };
  const i18n = useMemo(() => makeI18n(lang, setLang), [lang]);
  const [meta, setMeta] = useState<Meta>();
  const [me, setMe] = useState<Me | null>();
  const path = usePath();

  useEffect(() => {
    document.documentElement.lang = lang;
    document.title = i18n.t('appName');
  }, [lang]);
  useEffect(
    () =>
      void get<Meta>('/console/meta').then((m) => {
        setTimeZone(m.timeZone);
        setMeta(m);
      }),
    [],
  );
  const loadMe = () => {
    if (!session.token()) return setMe(null);
    get<Me>('/me').then(setMe, (e: unknown) => {
      if (e instanceof ApiError && e.status === 401) session.signOut();
      setMe(null);
    });
  };
  useEffect(loadMe, []);
  // The calendar the countdowns count working time on; read once signed in, and again after a change.
  const [calendar, setCalendar] = useState<CalendarData>();
  const loadCalendar = () => void get<CalendarData>('/calendar').then(setCalendar, () => setCalendar(undefined));
  useEffect(() => {
    if (me) loadCalendar();
  }, [me?.userId]);

  const state = useMemo(
    () => (me && meta ? { me, meta, calendar, reloadCalendar: loadCalendar, taskTitle: (kind: string) => meta.taskTitles[kind]?.[lang] ?? kind } : undefined),
    [me, meta, lang, calendar],
  );
  const { t } = i18n;

  return (
    <I18nContext.Provider value={i18n}>
      <a class="skip" href="#main">
        {t('skipToMain')}
      </a>
      <header class="top">
        <a class="brand" href="/ui/inbox" onClick={linkClick}>
          {t('appName')}
        </a>
        {state && (
          <nav aria-label={t('appName')}>
            {(
              [
                ['/ui/inbox', 'inbox'],
                ['/ui/new-case', 'newCase'],
                ['/ui/returns', 'returns'],
                ['/ui/knowledge', 'knowledge'],
                ['/ui/people', 'people'],
                ['/ui/calendar', 'calendar'],
                ...(state.me.roles.some((r) => REPORT_READERS.includes(r))
                  ? ([
                      ['/ui/reports/daily', 'dailyReport'],
                      ['/ui/reports/monthly', 'monthlyReport'],
                    ] as const)
                  : []),
                ...(state.me.roles.some((r) => RETURN_RATE_READERS.includes(r)) ? ([['/ui/reports/return-rate', 'returnRates']] as const) : []),
              ] as const
            ).map(([href, key]) => (
              <a href={href} onClick={linkClick} aria-current={path.startsWith(href) ? 'page' : undefined}>
                {t(key)}
              </a>
            ))}
          </nav>
        )}
        <div class="who">
          <button type="button" class="secondary" lang={lang === 'en' ? 'zh-CN' : 'en'} onClick={() => setLang(lang === 'en' ? 'zh-CN' : 'en')}>
            {t('language')}
          </button>
          {state && (
            <>
              <span class="me">
                {state.me.name ?? state.me.userId} ({state.me.roles.map(i18n.code).join('、')})
              </span>
              <button
                type="button"
                class="secondary"
                onClick={() => {
                  session.signOut();
                  setMe(null);
                  navigate('/ui/inbox');
                }}
              >
                {t('signOut')}
              </button>
            </>
          )}
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        {me === undefined || !meta ? (
          <p>{t('loading')}</p>
        ) : !state ? (
          <SignIn meta={meta} onSignedIn={(m) => setMe(m)} />
        ) : (
          <AppContext.Provider value={state}>
            <Page path={path} />
          </AppContext.Provider>
        )}
      </main>
    </I18nContext.Provider>
  );
}

function Page({ path }: { path: string }) {
  const task = /^\/ui\/tasks\/([^/]+)$/.exec(path);
  if (task) return <TaskPage id={decodeURIComponent(task[1]!)} />;
  const c = /^\/ui\/cases\/([^/]+)$/.exec(path);
  if (c) return <CasePage id={decodeURIComponent(c[1]!)} />;
  if (path.startsWith('/ui/new-case')) return <NewCase />;
  if (path.startsWith('/ui/returns')) return <ReturnsEvaluator />;
  if (path.startsWith('/ui/knowledge')) return <KnowledgeSearch />;
  if (path.startsWith('/ui/people')) return <People />;
  if (path.startsWith('/ui/calendar')) return <CalendarPage />;
  if (path.startsWith('/ui/reports/return-rate')) return <ReturnRatePage />;
  if (path.startsWith('/ui/reports/monthly')) return <ReportsPage key="monthly" which="monthly" />;
  if (path.startsWith('/ui/reports')) return <ReportsPage key="daily" which="daily" />;
  return <Inbox />;
}
