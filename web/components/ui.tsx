import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { ApiError } from '../api';
import { formatMoney, formatMoneyCompact } from '../format';
import { t, word } from '../i18n';

export { formatDate, formatMoney } from '../format';

/**
 * A problem's one general message, in plain words, announced to screen readers. When the API
 * named fields, their messages show at the fields and this only points there.
 */
export function ProblemMessage({ error }: { error: unknown }) {
  if (!error) return null;
  return (
    <p class="problem" role="alert">
      {problemText(error)}
    </p>
  );
}

export function problemText(error: unknown): string {
  if (!(error instanceof ApiError)) return t('problem.unexpected');
  const { code, status, errors } = error.problem;
  if (errors?.length) return t('problem.checkFields', { count: errors.length });
  if (status === 0) return t('problem.offline');
  const byStatus = status >= 500 ? 'problem.status.5xx' : `problem.status.${status}`;
  return t([`problem.code.${(code ?? '').replace(/\./g, '_')}`, byStatus, 'problem.status.other']);
}

/** The plain message for a field the API refused (`actors.0.name` → the actor's name). */
export function fieldMessage(path: string): string {
  const field = path.replace(/\.\d+(?=\.|$)/g, '').replace(/\./g, '_');
  return t([`fieldProblem.${field}`, 'fieldProblem.default']);
}

/** Each field's messages once (class-validator may fail a field on several constraints). */
const messagesFor = (error: unknown, path: string) =>
  error instanceof ApiError && error.field(path).length ? [fieldMessage(path)] : [];

let nextId = 0;
const useId = (prefix: string) => useState(() => `${prefix}-${++nextId}`)[0];

interface FieldProps {
  label: string;
  /** The problem-details path whose messages show under this field (`amount.value`). */
  path?: string;
  error?: unknown;
  hint?: string;
  children: (props: {
    id: string;
    'aria-describedby'?: string;
    'aria-invalid'?: boolean;
  }) => ComponentChildren;
}

/** A labelled control with its hint and the API's messages for its path right under it. */
export function Field({ label, path, error, hint, children }: FieldProps) {
  const id = useId('f');
  const messages = path ? messagesFor(error, path) : [];
  const described = [hint ? `${id}-hint` : '', messages.length ? `${id}-err` : ''].filter(Boolean).join(' ');
  return (
    <div class={`field${messages.length ? ' invalid' : ''}`}>
      <label for={id}>{label}</label>
      {children({ id, 'aria-describedby': described || undefined, 'aria-invalid': messages.length > 0 })}
      {hint && (
        <small id={`${id}-hint`} class="hint">
          {hint}
        </small>
      )}
      {messages.length > 0 && (
        <ul id={`${id}-err`} class="field-errors">
          {messages.map((m) => (
            <li key={m}>{m}</li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** Field messages that no control on the form owns, so none is lost. */
export function OtherFieldErrors({ error, shown }: { error: unknown; shown: string[] }) {
  if (!(error instanceof ApiError)) return null;
  const rest = (error.problem.errors ?? []).filter(
    (e) => !shown.some((p) => e.path === p || (p.endsWith('.') && e.path.startsWith(p))),
  );
  const messages = [...new Set(rest.map((e) => fieldMessage(e.path)))];
  if (!messages.length) return null;
  return (
    <ul class="field-errors">
      {messages.map((m) => (
        <li key={m}>{m}</li>
      ))}
    </ul>
  );
}

/** A form's action: `busy` while it runs and its error after (cleared when it starts again). */
export function useAction() {
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const run = async (action: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await action();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return { busy, error, setError, run };
}

/**
 * Loads with the API. Results belong to the `deps` they were loaded for: when the deps change
 * (new filters in the address), the old data is not shown as if it answered the new ones.
 * `reload()` fetches again and keeps showing the current data meanwhile.
 */
export function useLoad<T>(load: () => Promise<T>, deps: unknown[]) {
  const key = JSON.stringify(deps);
  const [state, setState] = useState<{ key?: string; data?: T; error?: unknown; loading: boolean }>({
    loading: true,
  });
  const [tick, setTick] = useState(0);
  useEffect(() => {
    let live = true;
    setState((s) => ({ ...s, loading: true }));
    load().then(
      (data) => live && setState({ key, data, loading: false }),
      (error: unknown) => live && setState({ key, error, loading: false }),
    );
    return () => {
      live = false;
    };
  }, [key, tick]);
  const current = state.key === key;
  return {
    data: current ? state.data : undefined,
    error: current ? state.error : undefined,
    loading: state.loading || !current,
    reload: () => setTick((n) => n + 1),
  };
}

/** A vocabulary word of the API (`in_progress`, `at_least`) in the interface's language. */
export const label = (value: string) => word(value);

/** A submitted form's text fields by name (every value of a repeated name in `all`). */
export function formValues(event: Event): { one: Record<string, string>; all: (name: string) => string[] } {
  event.preventDefault();
  const data = new FormData(event.currentTarget as HTMLFormElement);
  const text = (v: FormDataEntryValue) => (typeof v === 'string' ? v : '');
  const one: Record<string, string> = {};
  for (const [k, v] of data) one[k] ??= text(v);
  return { one, all: (name) => data.getAll(name).map(text) };
}

/** A date picked in a form as the API's instant: the end of that day, UTC (the state on that day). */
export const endOfDay = (date: string) => `${date.slice(0, 10)}T23:59:59Z`;

export function Loading() {
  return (
    <p class="loading" aria-live="polite">
      {t('common.loading')}
    </p>
  );
}

interface SelectProps {
  name: string;
  id?: string;
  'aria-describedby'?: string;
  'aria-invalid'?: boolean;
  /** Chosen when the select first shows; the person's later choice is left alone on re-render. */
  initial: string;
  /** A value shown as its label, or [value, text]. */
  options: readonly (string | readonly [string, string])[];
}

/** An uncontrolled select whose first choice is set with `selected` (selects have no defaultValue). */
export function Select({ initial, options, ...rest }: SelectProps) {
  return (
    <select {...rest}>
      {options.map((o) => {
        const [value, text] = typeof o === 'string' ? [o, label(o)] : o;
        return (
          <option key={value} value={value} selected={value === initial}>
            {text}
          </option>
        );
      })}
    </select>
  );
}

/** An amount to read at a glance (`40 Md €`), the exact figure on hover. */
export function Amount({ value, currency }: { value: string; currency: string }) {
  return (
    <span class="amount" title={formatMoney(value, currency)}>
      {formatMoneyCompact(value, currency)}
    </span>
  );
}

/** A table that scrolls sideways inside its card when it is wider (reachable by keyboard). */
export function TableScroll({ label, children }: { label: string; children: ComponentChildren }) {
  return (
    <div class="table-scroll" role="region" aria-label={label} tabIndex={0}>
      {children}
    </div>
  );
}
