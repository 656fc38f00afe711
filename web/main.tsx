import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { session, whenUnauthenticated } from './api';
import { language, Language, setLanguage, t } from './i18n';
import { Dashboard } from './pages/dashboard';
import { ImportPage } from './pages/import';
import { ItemPage } from './pages/item';
import { ItemsPage } from './pages/items';
import { SignIn } from './pages/sign-in';
import { SourcePage } from './pages/source';
import { SourcesPage } from './pages/sources';
import { href, navigate, useRoute } from './router';
import './styles.css';

const NAV = [
  ['/sources', 'app.nav.sources'],
  ['/items', 'app.nav.items'],
  ['/dashboard', 'app.nav.dashboard'],
  ['/import', 'app.nav.import'],
] as const;

function App() {
  const route = useRoute();
  const [signedIn, setSignedIn] = useState(() => session.key() !== null);
  const [lang, setLang] = useState(language);
  const [menuOpen, setMenuOpen] = useState(false);
  useEffect(() => {
    whenUnauthenticated(() => {
      session.signOut();
      setSignedIn(false);
    });
  }, []);
  useEffect(() => {
    setMenuOpen(false);
    const main = document.getElementById('main');
    main?.focus({ preventScroll: true });
    const heading = main?.querySelector('h1')?.textContent;
    document.title = heading ? `${heading} · Pledgewatch` : t('app.title');
  }, [route.path, signedIn, lang]);

  const signOut = () => {
    session.signOut();
    setSignedIn(false);
  };
  const switchTo = (next: Language) => {
    setLanguage(next);
    setLang(next);
  };
  const [, section, id] = route.segments.length ? ['', ...route.segments] : ['', 'sources'];
  let page;
  if (!signedIn) {
    page = <SignIn onSignedIn={() => setSignedIn(true)} />;
  } else if (section === 'sources' && id) {
    page = <SourcePage id={id} route={route} />;
  } else if (section === 'items' && id) {
    page = <ItemPage id={id} route={route} />;
  } else if (section === 'items') {
    page = <ItemsPage route={route} />;
  } else if (section === 'dashboard') {
    page = <Dashboard route={route} />;
  } else if (section === 'import') {
    page = <ImportPage />;
  } else {
    page = <SourcesPage route={route} />;
  }
  return (
    <>
      <a
        class="skip"
        href="#main"
        onClick={(e) => (e.preventDefault(), document.getElementById('main')?.focus())}
      >
        {t('app.skip')}
      </a>
      <header class={`top${menuOpen ? ' open' : ''}`}>
        <a class="brand" href={href('/sources')}>
          Pledgewatch
        </a>
        {signedIn && (
          <button
            type="button"
            class="menu-toggle"
            aria-expanded={menuOpen}
            aria-controls="top-menu"
            onClick={() => setMenuOpen(!menuOpen)}
          >
            {t('app.menu')}
          </button>
        )}
        <div id="top-menu" class="top-menu">
          {signedIn && (
            <nav aria-label={t('app.sections')}>
              {NAV.map(([path, key]) => (
                <a key={path} href={href(path)} aria-current={`/${section}` === path ? 'page' : undefined}>
                  {t(key)}
                </a>
              ))}
            </nav>
          )}
          <label class="language">
            <span class="sr-only">{t('app.language')}</span>
            <select value={lang} onChange={(e) => switchTo(e.currentTarget.value as Language)}>
              <option value="en" lang="en">
                English
              </option>
              <option value="fr" lang="fr">
                Français
              </option>
            </select>
          </label>
          {signedIn && (
            <button type="button" class="link" onClick={signOut}>
              {t('app.signOut')}
            </button>
          )}
        </div>
      </header>
      <main id="main" tabIndex={-1} key={lang}>
        {page}
      </main>
    </>
  );
}

if (!location.hash) navigate('/sources', {}, true);
render(<App />, document.getElementById('app')!);
