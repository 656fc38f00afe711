/**
 * The specs of search and similar items, in one file so that Jest loads the service's modules once
 * for all of them (a Jest module registry per file costs about 2 s of CPU): each module in
 * test/e2e/search/ was a spec file of its own and keeps its describes, apps and databases.
 */
import './search/ranked';
import './search/broad';
import './search/similar';
import './search/similar-rare-words';
