import { useEffect, useState } from 'preact/hooks';
import { get, Page } from '../api';
import { t } from '../i18n';
import type { Item } from '../types';
import { Field, label } from './ui';

/** Searches items as one types (full text, both languages) and lets one be chosen. */
export function ItemSearch(props: {
  legend: string;
  excludeId?: string;
  chosen: Item | null;
  choose: (item: Item | null) => void;
}) {
  const [q, setQ] = useState('');
  const [found, setFound] = useState<Item[]>([]);
  useEffect(() => {
    const text = q.trim();
    if (text.length < 2) return setFound([]);
    const timer = setTimeout(() => {
      get<Page<Item>>('/v1/items', { q: text, limit: '10' }).then(
        (page) => setFound(page.data.filter((i) => i.id !== props.excludeId)),
        () => setFound([]),
      );
    }, 250);
    return () => clearTimeout(timer);
  }, [q]);
  return (
    <fieldset>
      <legend>{props.legend}</legend>
      <Field label={t('itemSearch.label')} hint={t('itemSearch.hint')}>
        {(p) => <input {...p} type="search" value={q} onInput={(e) => setQ(e.currentTarget.value)} />}
      </Field>
      <ul class="choices" aria-live="polite">
        {found.map((item) => (
          <li key={item.id}>
            <label>
              <input
                type="radio"
                name="item-choice"
                checked={props.chosen?.id === item.id}
                onChange={() => props.choose(item)}
              />{' '}
              <span lang={item.language}>{item.title}</span> · {label(item.status)}
            </label>
          </li>
        ))}
      </ul>
    </fieldset>
  );
}
