/**
 * What the worker threads run: every export is a task, called by its name through
 * WorkerPool.run. Tasks are pure CPU work on plain data (no database, no Nest).
 */
export { locateQuotes } from '../text/locate-quotes';
export { extractSourceCandidates } from '../../candidates/extraction/extract';
export { renderCalendarTask } from '../../feeds/calendar';
export { prepareRates } from '../../fx-rates/fx-rates.prepare';
export { previewImportSheet, readImportSheet } from '../../imports/read-sheet.task';
export { extractDocument } from '../../sources/extraction/extract-document';
