import { SETUPS, workbenchFlow } from './workbench-flow';

workbenchFlow(SETUPS['en']);
