import '../tracking.css';
import { useState } from 'preact/hooks';
import { t } from '../i18n';
import { discardItem, editItem, isStale, mergeItem, readItem } from '../item-api';
import { navigate } from '../router';
import type { Item } from '../types';
import { ItemSearch } from './item-search';
import { Field, formValues, ProblemMessage } from './ui';

type Mode = 'idle' | 'edit' | 'merge' | 'discard';
const EDITABLE = ['title', 'statement'] as const;
const FIELD_LABELS = {
  title: 'itemActions.fields.title',
  statement: 'itemActions.fields.statement',
} as const;
type Edit = Pick<Item, (typeof EDITABLE)[number]>;

/**
 * Mistakes are cheap on an item's page: *Edit* in place (with the version read as If-Match; a
 * stale edit shows what changed meanwhile and can be reapplied), *Merge into…* an original,
 * *Discard*.
 */
export function ItemActions({ item, onChanged }: { item: Item; onChanged: () => void }) {
  const [mode, setMode] = useState<Mode>('idle');
  const [error, setError] = useState<unknown>(null);
  const [conflict, setConflict] = useState<{ mine: Partial<Edit>; theirs: Item; etag: string } | null>(null);
  const [into, setInto] = useState<Item | null>(null);
  const close = () => (setMode('idle'), setError(null), setConflict(null));
  const run = async (action: () => Promise<void>) => {
    setError(null);
    try {
      await action();
    } catch (err) {
      setError(err);
    }
  };
  const save = (mine: Partial<Edit>, etag: string) =>
    run(async () => {
      try {
        await editItem(item.id, mine, etag);
      } catch (err) {
        if (!isStale(err)) throw err;
        const current = await readItem(item.id);
        setConflict({ mine, theirs: current.body, etag: current.etag });
        return;
      }
      close();
      onChanged();
    });
  const submitEdit = (e: Event) => {
    const f = formValues(e).one;
    // Only what the person changed: reapplied over someone else's edit, it keeps theirs.
    const mine = Object.fromEntries(
      EDITABLE.map((k) => [k, f[k].trim()] as const).filter(([k, v]) => v !== item[k]),
    ) as Partial<Edit>;
    void save(mine, `"${item.version}"`);
  };
  return (
    <section aria-labelledby="actions-h" class="item-actions">
      <h2 id="actions-h" class="sr-only">
        {t('itemActions.heading')}
      </h2>
      <p>
        <button
          type="button"
          class="secondary"
          aria-expanded={mode === 'edit'}
          onClick={() => setMode('edit')}
        >
          {t('itemActions.edit')}
        </button>{' '}
        <button
          type="button"
          class="secondary"
          aria-expanded={mode === 'merge'}
          onClick={() => setMode('merge')}
        >
          {t('itemActions.merge')}
        </button>{' '}
        <button
          type="button"
          class="secondary"
          aria-expanded={mode === 'discard'}
          onClick={() => setMode('discard')}
        >
          {t('itemActions.discard')}
        </button>
      </p>
      {mode === 'edit' && (
        <form onSubmit={submitEdit} aria-label={t('itemActions.editForm')}>
          <Field label={t(FIELD_LABELS.title)} path="title" error={error}>
            {(p) => <input {...p} name="title" required defaultValue={item.title} />}
          </Field>
          <Field label={t(FIELD_LABELS.statement)} path="statement" error={error}>
            {(p) => <textarea {...p} name="statement" rows={3} required defaultValue={item.statement} />}
          </Field>
          {conflict && (
            <div role="alert" class="conflict">
              <p>{t('itemActions.conflict')}</p>
              <ul>
                {EDITABLE.filter((k) => conflict.theirs[k] !== item[k]).map((k) => (
                  <li key={k}>
                    {t('itemActions.now', { field: t(FIELD_LABELS[k]), value: conflict.theirs[k] })}
                  </li>
                ))}
              </ul>
              <button type="button" onClick={() => void save(conflict.mine, conflict.etag)}>
                {t('itemActions.reapply')}
              </button>
            </div>
          )}
          <ProblemMessage error={error} />
          <button type="submit">{t('itemActions.save')}</button>{' '}
          <button type="button" class="secondary" onClick={close}>
            {t('common.cancel')}
          </button>
        </form>
      )}
      {mode === 'merge' && (
        <div>
          <ItemSearch legend={t('itemActions.original')} excludeId={item.id} chosen={into} choose={setInto} />
          <ProblemMessage error={error} />
          <button
            type="button"
            disabled={!into}
            onClick={() =>
              void run(async () => navigate(`/items/${(await mergeItem(item.id, into!.id)).body.id}`))
            }
          >
            {t('itemActions.mergeSubmit')}
          </button>{' '}
          <button type="button" class="secondary" onClick={close}>
            {t('common.cancel')}
          </button>
        </div>
      )}
      {mode === 'discard' && (
        <div role="group" aria-label={t('itemActions.discardGroup')}>
          <p>{t('itemActions.discardHint')}</p>
          <ProblemMessage error={error} />
          <button
            type="button"
            onClick={() =>
              void run(async () => {
                await discardItem(item.id, `"${item.version}"`);
                navigate('/items');
              })
            }
          >
            {t('itemActions.discardSubmit')}
          </button>{' '}
          <button type="button" class="secondary" onClick={close}>
            {t('common.cancel')}
          </button>
        </div>
      )}
    </section>
  );
}
