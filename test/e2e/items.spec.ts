/**
 * The specs of items and their lists, in one file so that Jest loads the service's modules once
 * for all of them (a Jest module registry per file costs about 2 s of CPU): each module in
 * test/e2e/items/ was a spec file of its own and keeps its describes, apps and databases.
 */
import './items/items';
import './items/list';
