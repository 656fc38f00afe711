import { useState } from 'preact/hooks';
import { t } from '../i18n';
import { citeOnItem } from '../item-api';
import { href } from '../router';
import type { Item, Source } from '../types';
import { ItemSearch } from './item-search';
import { Field, formValues, label, ProblemMessage, Select } from './ui';

const ROLES = ['support', 'contradict', 'context'] as const;

/** A passage of this source attached to any item, as a support, contradict or context citation. */
export function AttachPassage({
  source,
  passage,
  onDone,
}: {
  source: Source;
  passage: string;
  onDone: () => void;
}) {
  const [item, setItem] = useState<Item | null>(null);
  const [role, setRole] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [attached, setAttached] = useState<Item | null>(null);
  const attach = async (e: Event) => {
    const chosenRole = formValues(e).one.role;
    if (!item) return;
    setError(null);
    try {
      const citation = { sourceId: source.id, role: chosenRole, quote: passage, language: source.language };
      const { body } = await citeOnItem(item.id, citation);
      setRole(chosenRole);
      setAttached(body);
      onDone();
    } catch (err) {
      setError(err);
    }
  };
  if (attached)
    return (
      <p role="status" class="notice">
        {t('attach.done', { role: label(role) })} <a href={href(`/items/${attached.id}`)}>{attached.title}</a>
        .
      </p>
    );
  return (
    <form class="attach" onSubmit={(e) => void attach(e)} aria-labelledby="attach-h">
      <h3 id="attach-h">{t('attach.title')}</h3>
      <blockquote lang={source.language}>{passage}</blockquote>
      <ItemSearch legend={t('attach.item')} chosen={item} choose={setItem} />
      <Field label={t('attach.role')} path="role" error={error}>
        {(p) => <Select {...p} name="role" initial="support" options={ROLES} />}
      </Field>
      <ProblemMessage error={error} />
      <button type="submit" disabled={!item}>
        {t('attach.submit')}
      </button>
    </form>
  );
}
