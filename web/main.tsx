import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { session, whenUnauthenticated } from './api';
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
  ['/sources', 'Sources'],
  ['/items', 'Items'],
  ['/dashboard', 'Dashboard'],
  ['/import', 'Import'],
] as const;

function App() {
  const route = useRoute();
  const [signedIn, setSignedIn] = useState(() => session.key() !== null);
  useEffect(() => {
    whenUnauthenticated(() => {
      session.signOut();
      setSignedIn(false);
    });
  }, []);
  useEffect(() => {
    const main = document.getElementById('main');
    main?.focus({ preventScroll: true });
    const heading = main?.querySelector('h1')?.textContent;
    document.title = heading ? `${heading} · Pledgewatch` : 'Pledgewatch workbench';
  }, [route.path, signedIn]);

  const signOut = () => {
    session.signOut();
    setSignedIn(false);
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
        Skip to content
      </a>
      <header class="top">
        <a class="brand" href={href('/sources')}>
          Pledgewatch
        </a>
        {signedIn && (
          <nav aria-label="Sections">
            {NAV.map(([path, text]) => (
              <a key={path} href={href(path)} aria-current={`/${section}` === path ? 'page' : undefined}>
                {text}
              </a>
            ))}
          </nav>
        )}
        {signedIn && (
          <button type="button" class="link" onClick={signOut}>
            Sign out
          </button>
        )}
      </header>
      <main id="main" tabIndex={-1}>
        {page}
      </main>
    </>
  );
}

if (!location.hash) navigate('/sources', {}, true);
render(<App />, document.getElementById('app')!);
