import { useState } from 'preact/hooks';
import { get, session } from '../api';
import { Field, ProblemMessage } from '../components/ui';
import { t } from '../i18n';

/** Pasting an API key; it is kept in this tab's sessionStorage only, never in a link or cookie. */
export function SignIn({ onSignedIn }: { onSignedIn: () => void }) {
  const [key, setKey] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    session.signIn(key.trim());
    try {
      await get('/v1/sources', { limit: '1' });
      onSignedIn();
    } catch (err) {
      session.signOut();
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <section class="narrow">
      <h1>{t('signIn.title')}</h1>
      <p>{t('signIn.intro')}</p>
      <form onSubmit={(e) => void submit(e)}>
        <Field label={t('signIn.key')}>
          {(p) => (
            <input
              {...p}
              type="password"
              autoComplete="off"
              required
              value={key}
              onInput={(e) => setKey(e.currentTarget.value)}
            />
          )}
        </Field>
        <ProblemMessage error={error} />
        <button type="submit" disabled={busy || !key.trim()}>
          {t('signIn.submit')}
        </button>
      </form>
    </section>
  );
}
