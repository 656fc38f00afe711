/**
 * What the worker threads run: every export is a task, called by its name through
 * WorkerPool.run. Tasks are pure CPU work on plain data (no database, no Nest).
 *
 * Each task's module is loaded by the task's first call in a thread, not when the thread starts:
 * all of them together are ~1,700 modules (exceljs, linkedom, chrono-node, …), about 1.7 s of CPU
 * per thread, where most threads only ever locate quotes (~0.1 s).
 */
import type * as Quotes from '../text/locate-quotes';
import type * as Candidates from '../../candidates/extraction/extract';
import type * as Calendar from '../../feeds/calendar';
import type * as Rates from '../../fx-rates/fx-rates.prepare';
import type * as Sheets from '../../imports/read-sheet.task';
import type * as Documents from '../../sources/extraction/extract-document';

/** The named tasks of the module at `path` (relative to this file), required on a task's first call. */
function fromModule<M>(path: string) {
  return <K extends keyof M>(name: K): M[K] => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded on first use, see above
    const task = (input: unknown) => ((require(path) as M)[name] as (input: unknown) => unknown)(input);
    return task as M[K];
  };
}

const quotes = fromModule<typeof Quotes>('../text/locate-quotes');
const candidates = fromModule<typeof Candidates>('../../candidates/extraction/extract');
const calendar = fromModule<typeof Calendar>('../../feeds/calendar');
const rates = fromModule<typeof Rates>('../../fx-rates/fx-rates.prepare');
const sheets = fromModule<typeof Sheets>('../../imports/read-sheet.task');
const documents = fromModule<typeof Documents>('../../sources/extraction/extract-document');

export const locateQuotes = quotes('locateQuotes');
export const extractSourceCandidates = candidates('extractSourceCandidates');
export const renderCalendarTask = calendar('renderCalendarTask');
export const prepareRates = rates('prepareRates');
export const previewImportSheet = sheets('previewImportSheet');
export const readImportSheet = sheets('readImportSheet');
export const extractDocument = documents('extractDocument');
