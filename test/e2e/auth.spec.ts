/**
 * The specs of API keys, roles and failed authentications, in one file so that Jest loads the
 * service's modules once for all of them (a Jest module registry per file costs about 2 s of CPU):
 * each module in test/e2e/auth/ was a spec file of its own and keeps its describes, apps and
 * databases.
 */
import './auth/keys-and-roles';
import './auth/lockout';
import './auth/matrix';
import './auth/key-revocation';
