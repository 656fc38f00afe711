/**
 * The specs of migrations run over existing data, in one file so that Jest loads the service's
 * modules once for all of them (a Jest module registry per file costs about 2 s of CPU): each
 * module in test/e2e/migrations/ was a spec file of its own and keeps its describes, apps and
 * databases.
 */
import './migrations/channels';
import './migrations/tags';
import './migrations/discard';
import './migrations/money';
import './migrations/upgrade-baseline';
