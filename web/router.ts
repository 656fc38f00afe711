import { useEffect, useState } from 'preact/hooks';
import { withQuery } from './api';

/**
 * Hash routes (`#/items?status=agreed`): the server only serves `/`, and every view, filter and
 * selection is in the address so a link can be shared.
 */
export interface Route {
  path: string;
  segments: string[];
  params: URLSearchParams;
}

export function currentRoute(): Route {
  const raw = location.hash.replace(/^#/, '') || '/';
  const [path, query = ''] = raw.split('?', 2);
  return { path, segments: path.split('/').filter(Boolean), params: new URLSearchParams(query) };
}

export const href = (path: string, query: Record<string, string | undefined> = {}) =>
  `#${withQuery(path, query)}`;

const CHANGED = 'pledgewatch:route';

/** Goes to a view; `replace` keeps the history clean while filters are typed. */
export function navigate(path: string, query: Record<string, string | undefined> = {}, replace = false) {
  const target = href(path, query);
  if (replace) {
    history.replaceState(null, '', target);
    window.dispatchEvent(new Event(CHANGED));
  } else {
    location.hash = target;
  }
}

export function useRoute(): Route {
  const [route, setRoute] = useState(currentRoute);
  useEffect(() => {
    const update = () => setRoute(currentRoute());
    window.addEventListener('hashchange', update);
    window.addEventListener(CHANGED, update);
    return () => {
      window.removeEventListener('hashchange', update);
      window.removeEventListener(CHANGED, update);
    };
  }, []);
  return route;
}

/** The params as a plain object (for forms and API queries). */
export const paramsOf = (params: URLSearchParams): Record<string, string> => Object.fromEntries(params);
