/**
 * The specs of hostile input (docs/security.md), in one file so that Jest loads the service's
 * modules once for all of them (a Jest module registry per file costs about 2 s of CPU): each
 * module in test/e2e/hostile/ was a spec file of its own and keeps its describes, apps and
 * databases.
 */
import './hostile/auth';
import './hostile/fx-uploads';
import './hostile/holes';
import './hostile/instants';
import './hostile/quotes';
import './hostile/text';
import './hostile/timeouts';
import './hostile/validation';
