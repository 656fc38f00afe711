import { SETUPS, workbenchFlow } from './workbench-flow';

workbenchFlow(SETUPS['fr-phone']);
