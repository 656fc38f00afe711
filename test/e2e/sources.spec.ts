/**
 * The specs of sources: records, fetches, PDFs and rechecks, in one file so that Jest loads the
 * service's modules once for all of them (a Jest module registry per file costs about 2 s of CPU):
 * each module in test/e2e/sources/ was a spec file of its own and keeps its describes, apps and
 * databases.
 */
import './sources/records';
import './sources/fetch';
import './sources/pdf';
import './sources/recheck';
