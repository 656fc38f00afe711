/**
 * The specs of the Atom and calendar feeds, in one file so that Jest loads the service's modules
 * once for all of them (a Jest module registry per file costs about 2 s of CPU): each module in
 * test/e2e/feeds/ was a spec file of its own and keeps its describes, apps and databases.
 */
import './feeds/atom';
import './feeds/calendar';
import './feeds/calendar-exact';
